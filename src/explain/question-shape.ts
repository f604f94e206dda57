/**
 * What kind of question it is, which decides what the answer leads with: an error to fix (what to
 * run now), why something happens, how to do something (the steps), what something is (the
 * definition), two things compared (both, side by side), or whether something is good practice.
 */
export type ShapeKind = "error" | "comparison" | "how" | "why" | "what" | "practice" | "other";

/** One compared thing: the ways to read it, the likeliest first ("readiness" alone, then "readiness probe"). */
export type ComparedSide = readonly string[];

export interface QuestionShape {
	readonly kind: ShapeKind;
	/** For a comparison: the two things compared, as the question words them. */
	readonly sides?: readonly [ComparedSide, ComparedSide];
	/** The side the question is about, when its wording says so ("X instead of Y": X). */
	readonly subject?: 0 | 1;
}

// How many words on each side of "vs" make up a compared thing.
const SIDE_WORDS = 5;

const COMPARISONS: readonly RegExp[] = [
	/\bdiff(?:erence|erences)?\s+between\s+(.{1,80}?)\s+and\s+(.{1,80}?)(?:[?.!,;:\n]|\bif\b|\bwhen\b|$)/i,
	/\bcompare\s+(.{1,80}?)\s+(?:with|to|and|against)\s+(.{1,80}?)(?:[?.!,;:\n]|$)/i,
	/\b(?:use|choose|pick|prefer)\s+(.{1,60}?)\s+or\s+(.{1,60}?)(?:[?.!,;:\n]|$)/i,
];
const VERSUS = /\s(?:vs\.?|versus)\s/i;
// "a Deployment instead of the pod": the first is what the question is about, the second what it is set against.
const INSTEAD = /\s(?:instead of|rather than)\s/i;
// A clause that starts after a compared thing is context, not part of its name ("external secrets if ...").
const CLAUSE_WORD = /^(?:if|when|which|where|because|since|so|that|for|in|on|at|with|without|to|do|does|is|are|should|would|can|could)$/i;

const ERROR_SIGNS =
	/\b(?:error|errors|warning|fatal|failed|failure|back-off|backoff|denied|forbidden|refused|timed out|not found|exit code|unhealthy|evicted|oomkilled|crashloopbackoff|imagepullbackoff|errimagepull|pending|invalid)\b|^\s*NAME\s+\S+\s+\S+/im;

// "what's that layout called", "is there a word for it", "what do you call this", "what object
// gives a ClusterRole to a group": the asker knows the thing, or what it does, not its name.
const ASKS_NAME =
	/\b(?:what|which) (?:object|component|controller|thing|piece|mechanism|part) (?!(?:is|was|does|has)\b)[a-z]{2,}s\b|\bwhat(?:'s|s| is| are)?\s+(?:this|that|it|these|those|the)\b[^?.!\n]{0,40}?\bcalled\b|\bwhat (?:do|would|should) (?:you|we|people|they|i) call\b|\bis there an? (?:word|name|term)\b|\bwhat(?:'s|s| is) the (?:word|name|term) for\b/i;

/** True when the question asks for the name of what it describes: none of the names it uses is the answer. */
export function asksForName(question: string): boolean {
	return ASKS_NAME.test(question);
}

// The asker wants something else to act on what they describe: "I want the cluster to add
// nodes", "what is supposed to add nodes?" (not "I want to ...": that is the asker's own doing).
const WANTS_REMEDY =
	/\b(?:(?:i|we) (?:want|need|would like|'d like) (?!to\b)[^.?!\n]{1,40}? to\b|(?:what|which|who) (?:is|are) supposed to\b)[^.?!\n]*/i;

/** The clause in which the question asks for something to be done, from its first word, if it has one. */
export function remedyClause(question: string): string | undefined {
	return WANTS_REMEDY.exec(question)?.[0];
}

/** The shape of a (normalised) question. */
export function shapeOf(question: string): QuestionShape {
	const compared = comparedSides(question);
	if (compared) return { kind: "comparison", ...compared };
	if (
		/\b(?:best practices?|good practice|should (?:i|we)|is it (?:ok|okay|bad|safe|fine|wise)|recommended|good idea|anti-?pattern)\b/i.test(
			question,
		)
	)
		return { kind: "practice" };
	if (/^\s*(?:how\b|what(?:'s| is| are)? the (?:best )?way\b)|\bhow (?:do|to|can|should|would|does one)\b/i.test(question))
		return { kind: "how" };
	if (/\bwhy\b/i.test(question)) return { kind: "why" };
	if (ERROR_SIGNS.test(question)) return { kind: "error" };
	if (/\b(?:what(?:'s| is| are| does| do)|explain|define|meaning of|what\s+\w+\s+is)\b/i.test(question)) return { kind: "what" };
	return { kind: "other" };
}

function comparedSides(question: string): { sides: readonly [ComparedSide, ComparedSide]; subject?: 0 } | undefined {
	const line = question.split("\n").find((l) => VERSUS.test(l) || INSTEAD.test(l) || COMPARISONS.some((p) => p.test(l)));
	if (line === undefined) return undefined;
	for (const pattern of COMPARISONS) {
		const match = pattern.exec(line);
		if (match?.[1] && match[2]) return orUndefined(shared(lastWords(match[1]), firstWords(match[2])));
	}
	const versus = line.search(VERSUS);
	if (versus >= 0) {
		const after = line.slice(versus).replace(VERSUS, " ");
		// "Guaranteed vs Burstable vs BestEffort": the first two are enough to tell it is a comparison.
		return orUndefined(shared(lastWords(line.slice(0, versus)), firstWords(after.split(VERSUS)[0] ?? after)));
	}
	const instead = line.search(INSTEAD);
	const sides = shared(lastWords(line.slice(0, instead)), firstWords(line.slice(instead).replace(INSTEAD, " ")));
	return sides ? { sides, subject: 0 } : undefined;
}

function orUndefined(
	sides: readonly [ComparedSide, ComparedSide] | undefined,
): { sides: readonly [ComparedSide, ComparedSide] } | undefined {
	return sides ? { sides } : undefined;
}

function words(text: string): string[] {
	return text
		.replace(/[^\p{L}\p{N}\s'-]/gu, " ")
		.split(/\s+/)
		.filter((w) => w !== "" && !/^(?:a|an|the|just|our|my|using|between)$/i.test(w));
}

function segments(text: string): string[] {
	return text.split(/[?.!,;:]/).filter((part) => words(part).length > 0);
}

function lastWords(text: string): string[] {
	const all = words(segments(text).pop() ?? "");
	const clause = all.findLastIndex((w) => CLAUSE_WORD.test(w));
	return all.slice(clause + 1).slice(-SIDE_WORDS);
}

function firstWords(text: string): string[] {
	const all = words(segments(text)[0] ?? "");
	const clause = all.findIndex((w, i) => i > 0 && CLAUSE_WORD.test(w));
	return all.slice(0, clause < 0 ? all.length : clause).slice(0, SIDE_WORDS);
}

/**
 * "readiness vs liveness probe": the side that says one word may borrow the other side's last word
 * ("readiness probe"); "sealed vs external secrets" likewise. The word alone is read first:
 * "cluster autoscaler vs karpenter" is Karpenter, not a "karpenter autoscaler".
 */
function shared(left: string[], right: string[]): readonly [ComparedSide, ComparedSide] | undefined {
	if (left.length === 0 || right.length === 0) return undefined;
	const leftReadings = [left.join(" ")];
	const rightReadings = [right.join(" ")];
	if (left.length === 1 && right.length > 1) leftReadings.push(`${left[0]} ${right[right.length - 1]}`);
	else if (right.length === 1 && left.length > 1 && /^[a-z]/.test(right[0] as string))
		rightReadings.push(`${right[0]} ${left[left.length - 1]}`);
	// "why do people create a Deployment": the thing compared is the word next to the comparison.
	if (left.length > 2) leftReadings.push(left.slice(-1).join(" "));
	if (right.length > 2) rightReadings.push(right.slice(0, 1).join(" "));
	return [leftReadings, rightReadings];
}
