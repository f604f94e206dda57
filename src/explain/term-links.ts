import type { GlossaryTerm } from "../course/schema.ts";
import { tokens } from "./text.ts";

/**
 * Terms whose definitions name each other: a tool and one of its parts (Prometheus and the
 * ServiceMonitor it is configured with, Argo CD and the drift it detects), a thing and what binds
 * it. A question that names one of them may well be asking about the other.
 */
export class TermLinks {
	readonly #mentions = new Map<string, ReadonlySet<string>>();

	constructor(glossary: readonly GlossaryTerm[]) {
		const definitions = new Map(glossary.map((t) => [t.id, ` ${tokens(t.definition).join(" ")} `]));
		for (const term of glossary) {
			const names = [term.term, ...term.aliases].map((name) => tokens(name).join(" ")).filter((name) => name.length >= 3);
			const namedBy = new Set<string>();
			for (const [id, definition] of definitions) {
				if (id !== term.id && names.some((name) => definition.includes(` ${name} `))) namedBy.add(id);
			}
			this.#mentions.set(term.id, namedBy);
		}
	}

	/** True when each of the two terms' definitions names the other. */
	mutual(a: string, b: string): boolean {
		return (this.#mentions.get(a)?.has(b) ?? false) && (this.#mentions.get(b)?.has(a) ?? false);
	}
}
