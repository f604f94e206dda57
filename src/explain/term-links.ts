import type { GlossaryTerm } from "../course/schema.ts";
import { tokens } from "./text.ts";

/**
 * Terms whose definitions name each other: a tool and one of its parts (Prometheus and the
 * ServiceMonitor it is configured with, Argo CD and the drift it detects), a thing and what binds
 * it. A question that names one of them may well be asking about the other.
 */
export class TermLinks {
	/** For each term, the terms whose definitions name it. */
	readonly #definedBy = new Map<string, ReadonlySet<string>>();
	/** For each term, the terms whose fixes name it. */
	readonly #fixedBy = new Map<string, ReadonlySet<string>>();

	constructor(glossary: readonly GlossaryTerm[]) {
		const names = new Map(glossary.map((t) => [t.id, namesOf(t)]));
		const known = new Set([...names.values()].flat());
		const longest = Math.max(0, ...[...known].map((name) => name.split(" ").length));
		// Built once from every text (a scan per term and name costs the first question ~100 ms).
		const inDefinitions = namedIn(
			glossary.map((t) => [t.id, [tokens(t.definition)]]),
			known,
			longest,
		);
		const inFixes = namedIn(
			glossary.map((t) => [t.id, t.fix.map((line) => tokens(line))]),
			known,
			longest,
		);
		for (const term of glossary) {
			const naming = (index: ReadonlyMap<string, ReadonlySet<string>>) =>
				new Set((names.get(term.id) ?? []).flatMap((name) => [...(index.get(name) ?? [])]).filter((id) => id !== term.id));
			this.#definedBy.set(term.id, naming(inDefinitions));
			this.#fixedBy.set(term.id, naming(inFixes));
		}
	}

	/** True when each of the two terms' definitions names the other. */
	mutual(a: string, b: string): boolean {
		return (this.#definedBy.get(a)?.has(b) ?? false) && (this.#definedBy.get(b)?.has(a) ?? false);
	}

	/** True when the problem's fix names the other term: what to use about it (Pending pods: a cluster autoscaler). */
	remedies(problem: string, remedy: string): boolean {
		return this.#fixedBy.get(remedy)?.has(problem) ?? false;
	}
}

/** A term's name and aliases as token runs; shorter ones name too much to count. */
function namesOf(term: GlossaryTerm): string[] {
	return [term.term, ...term.aliases].map((name) => tokens(name).join(" ")).filter((name) => name.length >= 3);
}

/** For each known name, the ids whose texts hold it as a run of whole tokens within one line. */
function namedIn(
	texts: readonly (readonly [string, readonly (readonly string[])[]])[],
	known: ReadonlySet<string>,
	longest: number,
): Map<string, Set<string>> {
	const index = new Map<string, Set<string>>();
	for (const [id, lines] of texts) {
		for (const line of lines) {
			for (let start = 0; start < line.length; start++) {
				let run = "";
				for (let end = start; end < Math.min(line.length, start + longest); end++) {
					run = end === start ? (line[end] as string) : `${run} ${line[end]}`;
					if (!known.has(run)) continue;
					const ids = index.get(run);
					if (ids) ids.add(id);
					else index.set(run, new Set([id]));
				}
			}
		}
	}
	return index;
}
