import type { GlossaryTerm } from "../course/schema.ts";
import type { Candidate, Ranking } from "./explain-index.ts";
import type { ExplainTuning } from "./explain-tuning.ts";

/**
 * How sure the answer is, said honestly:
 * - `sure`: one term accounts for the question; it is answered.
 * - `close`: the best term is answered, but others come close and are offered beside it.
 * - `unsure`: something is close but not close enough to answer; the closest topics are offered
 *   instead of a confident answer.
 * - `none`: the course does not cover the question.
 */
export type Verdict = "sure" | "close" | "unsure" | "none";

export interface Decision {
	readonly verdict: Verdict;
	/** The answered term (sure and close only). */
	readonly term?: GlossaryTerm;
	/** Close terms (close), or the closest topics (unsure, none). */
	readonly alternatives: readonly GlossaryTerm[];
	/** 0 to 1: how much of the question the answer accounts for, lowered when another term comes close. */
	readonly confidence: number;
}

const MAX_ALTERNATIVES = 3;

export function decide(ranking: Ranking, tuning: ExplainTuning): Decision {
	if (ranking.exact) return { verdict: "sure", term: ranking.exact, alternatives: [], confidence: 1 };
	const ordered = namedFirstInCloseCall(ranking.candidates, tuning);
	const [best, ...rest] = ordered;
	if (!best || ranking.words.length === 0) return { verdict: "none", alternatives: [], confidence: 0 };

	const runnerUp = rest[0];
	// 0 when the runner-up scores nothing like the best, 1 when they tie.
	const closeness = runnerUp && best.score > 0 ? Math.min(1, runnerUp.score / best.score) : 0;
	const confidence = round(Math.min(1, best.coverage / tuning.fullCoverage) * (1 - tuning.closenessPenalty * closeness));

	if (answers(best, tuning)) {
		const near = rest.filter((c) => best.score > 0 && c.score / best.score >= tuning.closeScoreRatio).slice(0, MAX_ALTERNATIVES);
		const close = near.length > 0 && !best.pasted && best.named < tuning.namedAnchor;
		return {
			verdict: close ? "close" : "sure",
			term: best.term,
			alternatives: (close ? near : rest.slice(0, MAX_ALTERNATIVES)).map((c) => c.term),
			confidence: best.pasted || best.named >= tuning.namedAnchor ? Math.max(confidence, 0.9) : confidence,
		};
	}
	const closest = ordered.slice(0, MAX_ALTERNATIVES).map((c) => c.term);
	return { verdict: best.coverage >= tuning.hedgeCoverage ? "unsure" : "none", alternatives: closest, confidence };
}

/**
 * In a close call, a term the question names whole ("pod ... Pending") goes before one that only
 * shares its words, unless that one fits the way the question is asked better (the tool named as
 * the place, "argocd shows OutOfSync", the problem asked about); otherwise the ranking stands.
 */
function namedFirstInCloseCall(candidates: readonly Candidate[], tuning: ExplainTuning): readonly Candidate[] {
	const [best] = candidates;
	if (!best) return candidates;
	if (best.pasted) return namedAmongPasted(candidates, tuning);
	if (best.named > 0) return askedFirstInCloseCall(candidates, tuning);
	const named = candidates.find(
		(c) =>
			c.named > 0 &&
			c.coverage > best.coverage &&
			best.phraseFit - c.phraseFit < tuning.namedFitMargin &&
			best.score > 0 &&
			c.score / best.score >= tuning.closeScoreRatio,
	);
	return named ? [named, ...candidates.filter((c) => c !== named)] : candidates;
}

/**
 * An error line two terms both carry (the status and the setting behind it): in a close call, the
 * one the question also names ("runAsNonRoot ... container has runAsNonRoot and image will run as
 * root") goes first.
 */
function namedAmongPasted(candidates: readonly Candidate[], tuning: ExplainTuning): readonly Candidate[] {
	const [best] = candidates;
	if (!best || best.named > 0) return candidates;
	const named = candidates.find((c) => c.pasted && c.named > 0 && best.score > 0 && c.score / best.score >= tuning.closeScoreRatio);
	return named ? [named, ...candidates.filter((c) => c !== named)] : candidates;
}

/**
 * In a close call, a tool the question names ("generate an argo cd app for every cluster") gives
 * way to the term whose own way of asking the question says, clearly more than it says the tool's:
 * the tool is where it happens, the other term what is asked.
 */
function askedFirstInCloseCall(candidates: readonly Candidate[], tuning: ExplainTuning): readonly Candidate[] {
	const [best] = candidates;
	if (!best) return candidates;
	const asked = candidates.find(
		(c) =>
			c !== best &&
			!c.pasted &&
			c.phraseFit >= tuning.phraseAnswer &&
			c.phraseFit - best.phraseFit >= tuning.askedFitMargin &&
			best.score > 0 &&
			c.score / best.score >= tuning.closeScoreRatio,
	);
	return asked ? [asked, ...candidates.filter((c) => c !== asked)] : candidates;
}

/**
 * A term is answered when it accounts for enough of the question, or the question names or pastes
 * it. One shared word that is not a name ("ds") is not enough.
 */
function answers(best: Candidate, tuning: ExplainTuning): boolean {
	if (best.pasted || best.named >= tuning.namedAnchor) return true;
	// Saying most of one of the ways people ask about the term is asking about it.
	if (best.phraseFit >= tuning.phraseAnswer && best.coverage >= tuning.hedgeCoverage && best.matchedWords >= 2) return true;
	return best.coverage >= tuning.minCoverage && best.evidence >= tuning.minEvidence && (best.named > 0 || best.matchedWords >= 2);
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
