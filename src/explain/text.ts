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
	happen happens happening happened thing things stuff exactly actually really basically simply vs versus
	difference differences compare compared comparison even just like still anyway ever maybe kind sort lot lots
	doesn don isn aren wasn weren didn haven hasn shouldn couldn wouldn ve ll re im ive youre
	pochemu kak chto shto gde kogda zachem kto ne net da eto etot eta eti ego ee ih mne menya moi moya moe moego
	moem nash nasha nashi vy vas vash vashi ty tebya tvoi dlya ili na po pri bez iz ot do ob posle uzhe vse vsyo
	vsegda tak esli est byl byla bylo budet mozhno nuzhno nado pomogite podskazhite tolko takzhe kakoi kakaya kakie
	chem ochen sei chomu yak shcho de koly tse meni dlia abo vzhe`.split(/\s+/),
);

/** Splits "CrashLoopBackOff" into crash loop back off; "OOMKilled" into oom killed. */
export function camelParts(word: string): string[] {
	const parts = word
		.replace(/([a-z0-9])([A-Z])/g, "$1 $2")
		.replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
		.split(" ");
	return parts.length > 1 ? parts : [];
}

/**
 * Light stemming so that "probes", "probing" and "probe" meet, as do "killed" and "kills":
 * adverbs, plurals, -ing and -ed, a doubled final consonant, and a final e.
 */
export function fold(token: string): string {
	if (token.length <= 3) return token;
	let word = token;
	// An adverb made from an adjective in -e or -ic meets it ("safely" and "safe", "automatically"
	// and "automatic"); "apply", "family" and "assembly" are no adverbs.
	if (word.endsWith("ically")) word = word.slice(0, -4);
	else if (word.length >= 6 && word.endsWith("ely")) word = word.slice(0, -2);
	if (word.endsWith("ies") && word.length > 4) word = `${word.slice(0, -3)}y`;
	else if (word.endsWith("sses")) word = word.slice(0, -2);
	else if (/(?:[sxz]|ch|sh)es$/.test(word)) word = word.slice(0, -2);
	else if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) word = word.slice(0, -1);
	// "eviction" and "evicted", "termination" and "terminating" meet at evict, terminat.
	if (/[^s]tion$/.test(word) && word.length - 3 >= 4) word = word.slice(0, -3);
	else if (/ing$/.test(word) && word.length - 3 >= 4) word = undouble(word.slice(0, -3));
	else if (/ed$/.test(word) && word.length - 2 >= 4) word = undouble(word.slice(0, -2));
	if (word.endsWith("e") && word.length >= 5) word = word.slice(0, -1);
	return word;
}

function undouble(stem: string): string {
	return /([^aeiouls])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

/** True when a token is written with one or two distinct characters (allocation-free: it runs for every word). */
function atMostTwoLetters(token: string): boolean {
	const first = token[0];
	let second: string | undefined;
	for (const char of token) {
		if (char === first || char === second) continue;
		if (second !== undefined) return false;
		second = char;
	}
	return true;
}

/** "512Mi" and "500m" say which unit is meant: keep the unit, drop the amount. */
function unitOf(token: string): string | undefined {
	return /^\d+(?:\.\d+)?(ki|mi|gi|ti|k|m|g|t)$/.exec(token)?.[1];
}

/** True for tokens that identify an instance, not a topic: hashes, counts, durations, IPs. */
function isNoise(token: string): boolean {
	// "xxxxxxxx", "abababab": keyboard mash and padding.
	if (token.length >= 6 && atMostTwoLetters(token)) return true;
	if (/^\d+$/.test(token)) return token.length !== 3; // keep exit and status codes: 137, 143, 503
	return /\d/.test(token) && /[a-z]/.test(token) && !/^(?:k8s|k3s|ec2|s3|mtls?|v\d)$/.test(token) && !isCode(token);
}

// Codes engineers write as words: a class of HTTP statuses ("5xx"), a percentile ("p99"), a
// certificate or encoding standard ("x509", "base64", "sha256"), a protocol version ("http2").
const CODE = /^(?:[1-5]xx|p\d{2,3}|x509|base64|sha\d{3}|ipv[46]|http[23])$/;

/** True for a code that names a thing ("5xx", "p99", "x509"), unlike the hashes and amounts digits otherwise mark. */
export function isCode(token: string): boolean {
	return CODE.test(token);
}

/** Longer runs of letters and digits are hashes, keys or garbage, never a topic: they are skipped. */
export const MAX_TOKEN_CHARS = 40;

// Clipped words people type in chat, read as the word ("api creds" are credentials), and a plain
// synonym of a word the glossary names things with ("several clusters" are multiple clusters).
const CLIPPED: Readonly<Record<string, string>> = {
	cred: "credential",
	creds: "credentials",
	cert: "certificate",
	certs: "certificates",
	perm: "permission",
	perms: "permissions",
	repo: "repository",
	repos: "repositories",
	pw: "password",
	pwd: "password",
	passwd: "password",
	img: "image",
	svc: "service",
	mem: "memory",
	infra: "infrastructure",
	authn: "authentication",
	authz: "authorization",
	config: "configuration",
	configs: "configurations",
	several: "multiple",
};

/** Lower-cased, folded content tokens of a text, stopwords and noise removed. */
// An availability target ("99.9%", "99.95"): it says what a question is about where other
// numbers only say how much.
const AVAILABILITY_TARGET = /\b99\.\d{1,3}\b(?:\s?%)?/g;

/** The text with its availability targets ("99.9%") written as words. */
export function availabilityTargetsAsWords(text: string): string {
	return text.includes("99.") ? text.replace(AVAILABILITY_TARGET, " availability target ") : text;
}

export function tokens(text: string): string[] {
	const out: string[] = [];
	for (const word of availabilityTargetsAsWords(text)
		.toLowerCase()
		.split(/[^a-z0-9]+/)) {
		const raw = CLIPPED[word] ?? word;
		if (raw.length > MAX_TOKEN_CHARS) continue;
		const unit = unitOf(raw);
		if (unit) {
			out.push(unit);
			continue;
		}
		if (raw.length < 2 || STOPWORDS.has(raw) || isNoise(raw)) continue;
		out.push(fold(raw));
	}
	return out;
}

// English derivations that keep a word's topic: "wasteful" is about waste, "dynamically" about dynamic.
const DERIVATIONS: readonly (readonly [RegExp, string])[] = [
	[/ically$/, "ic"],
	[/fully$/, ""],
	[/ful$/, ""],
	[/less$/, ""],
	[/ness$/, ""],
	[/ly$/, ""],
];

/** The tokens a (folded) token may derive from ("wasteful" → wast, as "waste" folds), likeliest first. */
export function derivedStems(token: string): string[] {
	const stems: string[] = [];
	for (const [suffix, replacement] of DERIVATIONS) {
		if (!suffix.test(token)) continue;
		const stem = token.replace(suffix, replacement);
		if (stem.length >= 3) stems.push(fold(stem), fold(`${stem}e`));
	}
	return stems;
}

/** Tokens of a name, plus its camel-case parts and its spelled-together form ("role binding" → "rolebinding"). */
export function nameTokens(name: string): string[] {
	const spaced = name.split(/[^A-Za-z0-9]+/).flatMap((word) => [word, ...camelParts(word)]);
	const own = tokens(spaced.join(" "));
	const joined = tokens(name).join("");
	return joined.length > 0 && !own.includes(joined) ? [...own, joined] : own;
}

/** Levenshtein distance, bounded: returns max + 1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
	if (Math.abs(a.length - b.length) > max) return max + 1;
	// Two rows reused across calls (no allocation per comparison); a longer word gets its own.
	let previous = b.length < ROW.length ? ROW : new Uint16Array(b.length + 1);
	let current = b.length < ROW.length ? ROW2 : new Uint16Array(b.length + 1);
	for (let j = 0; j <= b.length; j++) previous[j] = j;
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let rowMin = i;
		const ai = a.charCodeAt(i - 1);
		for (let j = 1; j <= b.length; j++) {
			const substitute = (previous[j - 1] as number) + (ai === b.charCodeAt(j - 1) ? 0 : 1);
			const remove = (previous[j] as number) + 1;
			const insert = (current[j - 1] as number) + 1;
			const value = Math.min(substitute, remove, insert);
			current[j] = value;
			if (value < rowMin) rowMin = value;
		}
		if (rowMin > max) return max + 1;
		[previous, current] = [current, previous];
	}
	return previous[b.length] ?? max + 1;
}
const ROW = new Uint16Array(64);
const ROW2 = new Uint16Array(64);

/** How many typos a token of this length may carry and still count as the same word. */
export function typoBudget(token: string): number {
	// Short words are too close to other real words ("bread" is one edit from "read").
	if (token.length >= 9) return 2;
	if (token.length >= 6) return 1;
	return 0;
}
