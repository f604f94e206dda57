import type { GlossaryTerm } from "../course/schema.ts";
import type { Decision } from "./decision.ts";
import type { Ranking } from "./explain-index.ts";

/**
 * "readiness vs liveness probe", "difference between requests and limits": each side is matched
 * on its own. Two different terms make a comparison answer; the one the whole question leans to
 * (its context: "... if our creds already live in Vault") is first. One side alone is answered as
 * that term; none falls back to the whole question.
 */
export function compareSides(
	sides: readonly [string, string],
	whole: Ranking,
	decideSide: (side: string) => Decision & { readonly named: boolean },
): { decision: Decision; other?: GlossaryTerm } | undefined {
	const [left, right] = sides.map(decideSide) as [Decision & { named: boolean }, Decision & { named: boolean }];
	// A side counts only when it names its term: "git rebase" shares a word with GitOps, no more.
	const a = left.named ? left.term : undefined;
	const b = right.named ? right.term : undefined;
	if (a && b && a.id !== b.id) {
		const place = (t: GlossaryTerm) => {
			const at = whole.candidates.findIndex((c) => c.term.id === t.id);
			return at < 0 ? Number.POSITIVE_INFINITY : at;
		};
		const [first, second] = place(b) < place(a) ? [b, a] : [a, b];
		const confidence = Math.min(left.confidence, right.confidence);
		return { decision: { verdict: "sure", term: first, alternatives: [second], confidence }, other: second };
	}
	const one = a ?? b;
	if (!one) return undefined;
	const decided = a ? left : right;
	return { decision: { ...decided, verdict: decided.verdict === "close" ? "close" : "sure" } };
}
