import type { GlossaryTerm } from "../course/schema.ts";
import type { Decision } from "./decision.ts";
import type { Ranking } from "./explain-index.ts";
import type { ComparedSide } from "./question-shape.ts";

type SideDecision = Decision & { readonly named: boolean };

/**
 * "readiness vs liveness probe", "difference between requests and limits": each side is matched
 * on its own. Two different terms make a comparison answer; the side the question is about ("X
 * instead of Y") or else the one the whole question leans to (its context: "... if our creds
 * already live in Vault") is first. One side alone is answered as that term; none falls back to
 * the whole question.
 */
export function compareSides(
	sides: readonly [ComparedSide, ComparedSide],
	whole: Ranking,
	decideSide: (side: string) => SideDecision,
	subject?: 0 | 1,
): { decision: Decision; other?: GlossaryTerm } | undefined {
	// A side's term must be one the whole question is about at all: "cluster and instance in AWS
	// Aurora" names no course topic, though "cluster" alone would.
	const inWhole = (d: SideDecision) => whole.candidates.some((c) => c.term.id === d.term?.id);
	const left = namedReading(sides[0], decideSide, inWhole);
	const right = namedReading(sides[1], decideSide, inWhole, left?.term?.id);
	// A side counts only when it names its term: "git rebase" shares a word with GitOps, no more.
	const a = left?.term;
	const b = right?.term;
	if (a && b && a.id !== b.id && left && right) {
		const place = (t: GlossaryTerm) => {
			const at = whole.candidates.findIndex((c) => c.term.id === t.id);
			return at < 0 ? Number.POSITIVE_INFINITY : at;
		};
		const bFirst = subject === undefined ? place(b) < place(a) : subject === 1;
		const [first, second] = bFirst ? [b, a] : [a, b];
		const confidence = Math.min(left.confidence, right.confidence);
		return { decision: { verdict: "sure", term: first, alternatives: [second], confidence }, other: second };
	}
	// "X instead of Y" naming only Y is not about Y.
	const decided = subject === undefined ? (left ?? right) : subject === 0 ? left : right;
	if (!decided) return undefined;
	return { decision: { ...decided, verdict: decided.verdict === "close" ? "close" : "sure" } };
}

/** The first reading of a side that names a term (other than the one the other side names, when there is another). */
function namedReading(
	readings: ComparedSide,
	decideSide: (side: string) => SideDecision,
	counts: (decision: SideDecision) => boolean,
	otherId?: string,
): SideDecision | undefined {
	let found: SideDecision | undefined;
	for (const reading of readings) {
		const decision = decideSide(reading);
		if (!decision.named || !decision.term || !counts(decision)) continue;
		if (decision.term.id !== otherId) return decision;
		found ??= decision;
	}
	return found;
}
