/**
 * Text normalisation shared by the index and the questions, so that both sides agree on what a
 * token is. Pasted kubectl output is full of pod hashes, counts and durations: those are dropped.
 */

// Words that carry no topic: question phrasing and English function words. Negations stay,
// since error strings such as "not found" and "no endpoints" depend on them.
const STOPWORDS = new Set(
	`a about above after again all also am an and any are as at be because been before being below between both
	but by can could did do does doing done during each few for from further get gets getting got had has have
	having he her here hers him his how i if in into is it its itself just let lets me might more most must my
	myself of on once only or other our ours out over own please same she should so some such tell than that
	thats the their theirs them then there these they this those through to too under until up very via was we
	were what whats when where which while who whom why will with would you your yours yourself explain explains
	explained meaning mean means define definition describe hey hi hello kubecoach bot someone anyone help
	happen happens happening happened thing things stuff exactly actually really basically simply`.split(/\s+/),
);

/** Splits "CrashLoopBackOff" into crash loop back off; "OOMKilled" into oom killed. */
export function camelParts(word: string): string[] {
	const parts = word
		.replace(/([a-z0-9])([A-Z])/g, "$1 $2")
		.replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
		.split(" ");
	return parts.length > 1 ? parts : [];
}

/** Light plural folding so that "probes" finds "probe" and "policies" finds "policy". */
export function fold(token: string): string {
	if (token.length <= 3) return token;
	if (token.endsWith("ies") && token.length > 4) return `${token.slice(0, -3)}y`;
	if (token.endsWith("sses")) return token.slice(0, -2);
	if (/(?:[sxz]|ch|sh)es$/.test(token)) return token.slice(0, -2);
	if (token.endsWith("s") && !/(?:ss|us|is)$/.test(token)) return token.slice(0, -1);
	return token;
}

/** True for tokens that identify an instance, not a topic: hashes, counts, durations, IPs. */
function isNoise(token: string): boolean {
	if (/^\d+$/.test(token)) return token.length !== 3; // keep exit and status codes: 137, 143, 503
	return /\d/.test(token) && /[a-z]/.test(token) && !/^(?:k8s|k3s|ec2|s3|mtls?|v\d)$/.test(token);
}

/** Lower-cased, folded content tokens of a text, stopwords and noise removed. */
export function tokens(text: string): string[] {
	const out: string[] = [];
	for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
		if (raw === "" || STOPWORDS.has(raw) || isNoise(raw)) continue;
		out.push(fold(raw));
	}
	return out;
}

/** Tokens of a name, plus its camel-case parts and its spelled-together form ("role binding" → "rolebinding"). */
export function nameTokens(name: string): string[] {
	const spaced = name.split(/[^A-Za-z0-9]+/).flatMap((word) => [word, ...camelParts(word)]);
	const own = tokens(spaced.join(" "));
	const joined = tokens(name).join("");
	return joined.length > 0 && !own.includes(joined) ? [...own, joined] : own;
}

/** Adjacent tokens spelled together, as people type "rolebinding" or "crashloop" in one word. */
export function joinedNeighbours(words: readonly string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i + 1 < words.length; i++) {
		out.push(`${words[i]}${words[i + 1]}`);
		if (i + 2 < words.length) out.push(`${words[i]}${words[i + 1]}${words[i + 2]}`);
	}
	return out;
}

/** Levenshtein distance, bounded: returns max + 1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
			current.push(value);
			rowMin = Math.min(rowMin, value);
		}
		if (rowMin > max) return max + 1;
		previous = current;
	}
	return previous[b.length] ?? max + 1;
}

/** How many typos a token of this length may carry and still count as the same word. */
export function typoBudget(token: string): number {
	if (token.length >= 9) return 2;
	if (token.length >= 5) return 1;
	return 0;
}
