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
		const definitions = new Map(glossary.map((t) => [t.id, ` ${tokens(t.definition).join(" ")} `]));
		const fixes = new Map(glossary.map((t) => [t.id, ` ${t.fix.map((line) => tokens(line).join(" ")).join(" . ")} `]));
		for (const term of glossary) {
			const names = [term.term, ...term.aliases].map((name) => tokens(name).join(" ")).filter((name) => name.length >= 3);
			const naming = (texts: ReadonlyMap<string, string>) =>
				new Set([...texts].filter(([id, text]) => id !== term.id && names.some((name) => text.includes(` ${name} `))).map(([id]) => id));
			this.#definedBy.set(term.id, naming(definitions));
			this.#fixedBy.set(term.id, naming(fixes));
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
