import type { GlossaryTerm } from "../course/schema.ts";
import type { Candidate, Ranking } from "./explain-index.ts";
import type { ExplainTuning } from "./explain-tuning.ts";
import type { TermLinks } from "./term-links.ts";

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

/** What the decision may know beyond the ranking. */
export interface DecisionContext {
	/** Terms whose lessons name each other (a tool and its parts). */
	readonly links?: TermLinks;
	/** The question asks what something is: a term it names is what it asks about. */
	readonly asksWhat?: boolean;
	/** The question asks what its subject is called: it describes the subject in its own words and names something else. */
	readonly asksName?: boolean;
}

export function decide(ranking: Ranking, tuning: ExplainTuning, context: DecisionContext = {}): Decision {
	if (ranking.exact) return { verdict: "sure", term: ranking.exact, alternatives: [], confidence: 1 };
	const ordered = namedFirstInCloseCall(ranking.candidates, tuning, context);
	const [best, ...rest] = ordered;
	if (!best || ranking.words.length === 0) return { verdict: "none", alternatives: [], confidence: 0 };

	const runnerUp = rest[0];
	// 0 when the runner-up scores nothing like the best, 1 when they tie.
	const closeness = runnerUp && best.score > 0 ? Math.min(1, runnerUp.score / best.score) : 0;
	const confidence = round(Math.min(1, best.coverage / tuning.fullCoverage) * (1 - tuning.closenessPenalty * closeness));

	// A term put before the first in a close call stands in for it: the question was answered either way.
	const first = ranking.candidates[0];
	if (answers(best, tuning, context) || (first !== undefined && first !== best && answers(first, tuning, context))) {
		const near = rest.filter((c) => best.score > 0 && c.score / best.score >= tuning.closeScoreRatio).slice(0, MAX_ALTERNATIVES);
		const close = near.length > 0 && !best.pasted && best.named < tuning.namedAnchor;
		return {
			verdict: close ? "close" : "sure",
			term: best.term,
			alternatives: (close ? near : rest.slice(0, MAX_ALTERNATIVES)).map((c) => c.term),
			confidence: best.pasted || best.named >= tuning.namedAnchor ? Math.max(confidence, 0.9) : confidence,
		};
	}
	const closest = relatedTopics(ordered, tuning);
	return { verdict: best.coverage >= tuning.hedgeCoverage ? "unsure" : "none", alternatives: closest, confidence };
}

/**
 * The topics a decline may offer: the closest ones that are genuinely related to the question
 * (named or pasted in it, or accounting for a fair share of it in two words or more), or none: a
 * question about bread gets no Kubernetes topics.
 */
export function relatedTopics(candidates: readonly Candidate[], tuning: ExplainTuning): GlossaryTerm[] {
	return candidates
		.filter((c) => c.pasted || c.named >= tuning.namedAnchor || (c.coverage >= tuning.relatedCoverage && c.matchedWords >= 2))
		.slice(0, MAX_ALTERNATIVES)
		.map((c) => c.term);
}

/**
 * In a close call, a term the question names whole ("pod ... Pending") goes before one that only
 * shares its words, unless that one fits the way the question is asked better (the tool named as
 * the place, "argocd shows OutOfSync", the problem asked about); otherwise the ranking stands.
 */
function namedFirstInCloseCall(candidates: readonly Candidate[], tuning: ExplainTuning, context: DecisionContext): readonly Candidate[] {
	const [best] = candidates;
	if (!best) return candidates;
	if (best.pasted) return namedAmongPasted(candidates, tuning);
	if (best.named > 0 && context.asksName) return unnamedFirst(candidates, tuning);
	if (best.named > 0) return partAskedAbout(askedFirstInCloseCall(candidates, tuning), tuning, context);
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
 * "one argo in a management cluster deploying to the workload clusters, what's that layout
 * called?": the asker does not know the name, so a term the question names is the setting, and the
 * best term it does not name is the answer; unless the question also asks the way people ask about
 * the named one (its words may spell a name by chance: "which object binds a Role" is a RoleBinding).
 */
function unnamedFirst(candidates: readonly Candidate[], tuning: ExplainTuning): readonly Candidate[] {
	const [best] = candidates;
	if (!best || best.phraseFit >= tuning.phraseAnswer) return candidates;
	const unnamed = candidates.find((c) => c.named === 0 && !c.pasted && best.score > 0 && c.score / best.score >= tuning.unnamedScoreRatio);
	return unnamed ? [unnamed, ...candidates.filter((c) => c !== unnamed)] : candidates;
}

/**
 * A question that names a tool ("the prometheus operator never scrapes it", "argo shows OutOfSync")
 * and asks the way people ask about one of its parts (the ServiceMonitor, drift) is about that
 * part: the two lessons name each other, and the part fits the question's wording at least as
 * well. The part may be named too ("an alert ... with kube-prometheus-stack"), no more heavily
 * than the tool. Not when the question asks what the named thing is.
 */
function partAskedAbout(candidates: readonly Candidate[], tuning: ExplainTuning, context: DecisionContext): readonly Candidate[] {
	const [best] = candidates;
	const { links } = context;
	if (!best || !links || context.asksWhat || best.named === 0 || best.pasted) return candidates;
	const part = candidates.find(
		(c) =>
			c !== best &&
			c.named <= best.named &&
			!c.pasted &&
			c.phraseFit >= best.phraseFit &&
			best.score > 0 &&
			c.score / best.score >= tuning.partScoreRatio &&
			links.mutual(best.term.id, c.term.id),
	);
	return part ? [part, ...candidates.filter((c) => c !== part)] : candidates;
}

/**
 * A term is answered when it accounts for enough of the question, or the question names or pastes
 * it. One shared word that is not a name ("ds") is not enough.
 */
function answers(best: Candidate, tuning: ExplainTuning, context: DecisionContext): boolean {
	if (best.pasted || best.named >= tuning.namedAnchor) return true;
	// A question asking what something is called describes it in plain words, which few terms use.
	if (context.asksName && best.coverage >= tuning.hedgeCoverage && best.evidence >= tuning.minEvidence && best.matchedWords >= 3)
		return true;
	// Saying most of one of the ways people ask about the term is asking about it.
	if (best.phraseFit >= tuning.phraseAnswer && best.coverage >= tuning.hedgeCoverage && best.matchedWords >= 2) return true;
	return best.coverage >= tuning.minCoverage && best.evidence >= tuning.minEvidence && (best.named > 0 || best.matchedWords >= 2);
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
