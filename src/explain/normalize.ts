/**
 * What any question goes through before it is read: a bounded size, no control characters or
 * binary, compatibility forms folded (NFKC: full-width "ＯＯＭＫｉｌｌｅｄ" is "OOMKilled"), Latin
 * lookalikes from other scripts inside Latin words put back ("Реnding" with a Cyrillic Р and е is
 * "Pending"), and Cyrillic words transliterated, since Russian and Ukrainian engineers write
 * Kubernetes words in their own script ("под" is a pod, "деплоймент" a deployment).
 */

/** Longest question read, in characters; a longer paste keeps its start and its end (where the events are). */
export const MAX_QUESTION_CHARS = 12_000;
const TAIL_CHARS = 4_000;

// Cyrillic and Greek letters that look like Latin ones (lower and upper case).
const LOOKALIKES: Record<string, string> = {
	а: "a",
	е: "e",
	о: "o",
	р: "p",
	с: "c",
	у: "y",
	х: "x",
	к: "k",
	м: "m",
	т: "t",
	н: "h",
	в: "b",
	і: "i",
	ј: "j",
	ѕ: "s",
	ԁ: "d",
	ӏ: "l",
	А: "A",
	В: "B",
	Е: "E",
	К: "K",
	М: "M",
	Н: "H",
	О: "O",
	Р: "P",
	С: "C",
	Т: "T",
	Х: "X",
	У: "Y",
	І: "I",
	Ј: "J",
	Ѕ: "S",
	α: "a",
	ο: "o",
	ρ: "p",
	ν: "v",
	κ: "k",
	τ: "t",
	ι: "i",
	ε: "e",
	υ: "u",
	Α: "A",
	Β: "B",
	Ε: "E",
	Ζ: "Z",
	Η: "H",
	Ι: "I",
	Κ: "K",
	Μ: "M",
	Ν: "N",
	Ο: "O",
	Ρ: "P",
	Τ: "T",
	Υ: "Y",
	Χ: "X",
};

// Plain Russian and Ukrainian transliteration, as engineers spell the borrowed words.
const TRANSLITERATION: Record<string, string> = {
	а: "a",
	б: "b",
	в: "v",
	г: "g",
	д: "d",
	е: "e",
	ё: "e",
	ж: "zh",
	з: "z",
	и: "i",
	й: "i",
	к: "k",
	л: "l",
	м: "m",
	н: "n",
	о: "o",
	п: "p",
	р: "r",
	с: "s",
	т: "t",
	у: "u",
	ф: "f",
	х: "h",
	ц: "ts",
	ч: "ch",
	ш: "sh",
	щ: "sch",
	ъ: "",
	ы: "y",
	ь: "",
	э: "e",
	ю: "yu",
	я: "ya",
	і: "i",
	ї: "i",
	є: "e",
	ґ: "g",
};

const LETTER_RUN = /\p{L}+/gu;
const LATIN = /[a-z]/i;
const CYRILLIC_OR_GREEK = /[\u0370-\u03ff\u0400-\u04ff]/;
const ONLY_CYRILLIC = /^[\u0400-\u04ff]+$/;

/** A question as the matcher reads it: bounded, printable, NFKC, lookalikes and Cyrillic put into Latin. */
export function normalizeQuestion(raw: string): string {
	const bounded =
		raw.length > MAX_QUESTION_CHARS ? `${raw.slice(0, MAX_QUESTION_CHARS - TAIL_CHARS)}\n${raw.slice(raw.length - TAIL_CHARS)}` : raw;
	// NFKC can grow a string a little (ligatures); the bound is applied again after it.
	const folded = withoutControls(bounded)
		.normalize("NFKC")
		.slice(0, MAX_QUESTION_CHARS + 64);
	return folded.replace(LETTER_RUN, latinize);
}

function latinize(word: string): string {
	if (!CYRILLIC_OR_GREEK.test(word)) return word;
	if (LATIN.test(word)) return [...word].map((ch) => LOOKALIKES[ch] ?? ch).join("");
	if (ONLY_CYRILLIC.test(word)) return [...word.toLowerCase()].map((ch) => TRANSLITERATION[ch] ?? ch).join("");
	return word;
}

/** Control characters, invisible format marks and replacement characters (binary pasted as text) become spaces. */
function withoutControls(text: string): string {
	let out = "";
	for (const ch of text) {
		const code = ch.codePointAt(0) ?? 0;
		const control = (code < 32 && code !== 9 && code !== 10 && code !== 13) || (code >= 0x7f && code <= 0x9f);
		const invisible = code === 0xfffd || code === 0xfeff || (code >= 0x200b && code <= 0x200f) || code === 0x2028 || code === 0x2029;
		out += control || invisible ? " " : ch;
	}
	return out;
}
