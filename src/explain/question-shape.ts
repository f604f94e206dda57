/**
 * What kind of question it is, which decides what the answer leads with: an error to fix (what to
 * run now), why something happens, how to do something (the steps), what something is (the
 * definition), two things compared (both, side by side), or whether something is good practice.
 */
export type ShapeKind = "error" | "comparison" | "how" | "why" | "what" | "practice" | "other";

export interface QuestionShape {
	readonly kind: ShapeKind;
	/** For a comparison: the two things compared, as the question words them. */
	readonly sides?: readonly [string, string];
}

// How many words on each side of "vs" make up a compared thing.
const SIDE_WORDS = 5;

const COMPARISONS: readonly RegExp[] = [
	/\bdiff(?:erence|erences)?\s+between\s+(.{1,80}?)\s+and\s+(.{1,80}?)(?:[?.!,;:\n]|\bif\b|\bwhen\b|$)/i,
	/\bcompare\s+(.{1,80}?)\s+(?:with|to|and|against)\s+(.{1,80}?)(?:[?.!,;:\n]|$)/i,
	/\b(?:use|choose|pick|prefer)\s+(.{1,60}?)\s+or\s+(.{1,60}?)(?:[?.!,;:\n]|$)/i,
];
const VERSUS = /\s(?:vs\.?|versus)\s/i;

const ERROR_SIGNS =
	/\b(?:error|errors|warning|fatal|failed|failure|back-off|backoff|denied|forbidden|refused|timed out|not found|exit code|unhealthy|evicted|oomkilled|crashloopbackoff|imagepullbackoff|errimagepull|pending|invalid)\b|^\s*NAME\s+\S+\s+\S+/im;

/** The shape of a (normalised) question. */
export function shapeOf(question: string): QuestionShape {
	const sides = comparedSides(question);
	if (sides) return { kind: "comparison", sides };
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

function comparedSides(question: string): readonly [string, string] | undefined {
	const line = question.split("\n").find((l) => VERSUS.test(l) || COMPARISONS.some((p) => p.test(l)));
	if (line === undefined) return undefined;
	for (const pattern of COMPARISONS) {
		const match = pattern.exec(line);
		if (match?.[1] && match[2]) return shared(lastWords(match[1]), firstWords(match[2]));
	}
	const at = line.search(VERSUS);
	if (at < 0) return undefined;
	const after = line.slice(at).replace(VERSUS, " ");
	// "Guaranteed vs Burstable vs BestEffort": the first two are enough to tell it is a comparison.
	return shared(lastWords(line.slice(0, at)), firstWords(after.split(VERSUS)[0] ?? after));
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
	return words(segments(text).pop() ?? "").slice(-SIDE_WORDS);
}

function firstWords(text: string): string[] {
	return words(segments(text)[0] ?? "").slice(0, SIDE_WORDS);
}

/**
 * "readiness vs liveness probe": the side that says one word borrows the other side's last word
 * ("readiness probe"); "sealed vs external secrets" likewise.
 */
function shared(left: string[], right: string[]): readonly [string, string] | undefined {
	if (left.length === 0 || right.length === 0) return undefined;
	if (left.length === 1 && right.length > 1) left.push(right[right.length - 1] as string);
	else if (right.length === 1 && left.length > 1 && /^[a-z]/.test(right[0] as string)) right.push(left[left.length - 1] as string);
	return [left.join(" "), right.join(" ")];
}
