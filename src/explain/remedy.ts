import type { GlossaryTerm } from "../course/schema.ts";
import type { Ranking } from "./explain-index.ts";
import type { ExplainTuning } from "./explain-tuning.ts";
import type { TermLinks } from "./term-links.ts";

/**
 * "pods pending with Insufficient cpu, I want the cluster to add nodes on its own": the question
 * names a problem and asks, in a clause of its own, for something to be done about it. When that
 * clause is about a term the problem's lesson gives as its fix, the question is about that term.
 */
export function remedyAsked(
	answered: GlossaryTerm,
	whole: Ranking,
	clause: Ranking,
	links: TermLinks,
	tuning: ExplainTuning,
): GlossaryTerm | undefined {
	const problem = whole.candidates.find((c) => c.term.id === answered.id);
	// The problem is the one the question names or pastes, not one it only describes.
	if (!problem || (problem.named === 0 && !problem.pasted)) return undefined;
	const remedy = clause.candidates
		.slice(0, 3)
		.find((c) => c.term.id !== answered.id && c.coverage >= tuning.hedgeCoverage && links.remedies(answered.id, c.term.id));
	return remedy?.term;
}
