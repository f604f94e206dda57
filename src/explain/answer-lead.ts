import type { GlossaryTerm, KubectlCommand } from "../course/schema.ts";
import type { ShapeKind } from "./question-shape.ts";
import { tokens } from "./text.ts";

/**
 * What an answer leads with, short enough to read at 2 AM: for an error or a "why", what it means
 * and what to run now; for a "how" or "should we", the steps that fit the question best; for a
 * "what is", the definition. The rest of the lesson stays behind "more".
 */
export interface Lead {
	/** One or two sentences. */
	readonly text: string;
	/** The commands to run first (names filled in), at most two. */
	readonly run: readonly KubectlCommand[];
	/** The fix steps that fit the question best, at most two. */
	readonly steps: readonly string[];
}

export function leadFor(term: GlossaryTerm, diagnose: readonly KubectlCommand[], shape: ShapeKind, question: string): Lead {
	const asked = new Set(tokens(question));
	const firstSentence = sentences(term.definition)[0] ?? term.definition;
	const bestSteps = byFit(term.fix, asked, (step) => step).slice(0, 2);
	const bestRun = uniqueFirst(
		diagnose,
		byFit(diagnose, asked, (d) => `${d.command} ${d.purpose}`),
	).slice(0, 2);
	switch (shape) {
		case "error":
		case "why":
			return { text: firstSentence, run: bestRun, steps: bestSteps.slice(0, 1) };
		case "how":
		case "practice":
			return { text: firstSentence, run: bestRun.slice(0, 1), steps: bestSteps };
		default:
			return { text: term.definition, run: bestRun.slice(0, 1), steps: bestSteps.slice(0, 1) };
	}
}

/** Sentences of a paragraph (split after a full stop followed by a capital or a backtick). */
export function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+(?=[A-Z`(])/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Items ordered by how many of the question's words they share, ties in their original order. */
function byFit<T>(items: readonly T[], asked: ReadonlySet<string>, text: (item: T) => string): T[] {
	return items
		.map((item, at) => ({ item, at, fit: tokens(text(item)).filter((t) => asked.has(t)).length }))
		.sort((a, b) => b.fit - a.fit || a.at - b.at)
		.map((x) => x.item);
}

/** The lesson's first command always leads (it is the one to start with), then the best fits. */
function uniqueFirst<T>(all: readonly T[], ordered: readonly T[]): T[] {
	const first = all[0];
	return first === undefined ? [...ordered] : [first, ...ordered.filter((item) => item !== first)];
}
