/**
 * Suggestions for what a person is typing in a command's option: namespaces `/readiness` may
 * audit, episodes, glossary terms. Platforms that complete options as they are typed (Discord's
 * autocomplete, Slack's external selects) ask the router for them; the core alone knows the
 * course and the allow-list. Bounded and synchronous: a platform wants them within its deadline.
 */
import type { Course } from "../course/course.ts";

export const SUGGESTION_SUBJECTS = ["namespace", "episode", "term"] as const;
export type SuggestionSubject = (typeof SUGGESTION_SUBJECTS)[number];

export interface Suggestion {
	/** What the person reads in the list ("2 · Resource Management"). */
	readonly label: string;
	/** What the option gets when it is picked ("2"). */
	readonly value: string;
}

/** The most any platform shows (Discord's 25 autocomplete choices). */
export const MAX_SUGGESTIONS = 25;

/** What a person may type before the list stops looking: a term or a namespace, not an essay. */
const MAX_TYPED = 100;

export type Suggest = (subject: SuggestionSubject, typed: string, limit?: number) => readonly Suggestion[];

interface Entry extends Suggestion {
	/** Lower-case words the entry is found by: its label first, then its other names. */
	readonly keys: readonly string[];
}

/** 0: the label starts with the query; 1: another name does; 2: a name contains it; undefined: no match. */
function rankOf(entry: Entry, query: string): number | undefined {
	if (entry.keys[0]?.startsWith(query)) return 0;
	if (entry.keys.some((key) => key.startsWith(query))) return 1;
	return entry.keys.some((key) => key.includes(query)) ? 2 : undefined;
}

/**
 * Entries whose key starts with what was typed come first (the label's own before an alias's),
 * then those that contain it; in their own order within each rank. Nothing typed: the first ones.
 */
function ranked(entries: readonly Entry[], typed: string, limit: number): Suggestion[] {
	const query = typed.trim().toLowerCase().slice(0, MAX_TYPED);
	const max = Math.max(0, Math.min(limit, MAX_SUGGESTIONS));
	if (query === "") return entries.slice(0, max).map(({ label, value }) => ({ label, value }));
	const ranks: Suggestion[][] = [[], [], []];
	for (const entry of entries) {
		const rank = rankOf(entry, query);
		if (rank !== undefined) ranks[rank]?.push({ label: entry.label, value: entry.value });
	}
	return ranks.flat().slice(0, max);
}

/**
 * Namespaces from the allow-list (KUBECOACH_READINESS_NAMESPACES): its plain names, and what was
 * typed when a pattern allows it ("team-a" under "team-*"); never a pattern itself, which no
 * namespace is called.
 */
function namespaceSuggestions(patterns: readonly string[], typed: string, limit: number): Suggestion[] {
	const names = patterns.filter((pattern) => !pattern.includes("*"));
	const found = ranked(
		names.map((name) => ({ label: name, value: name, keys: [name] })),
		typed,
		limit,
	);
	const word = typed.trim().toLowerCase();
	const valid = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(word);
	const allowedByPattern = patterns.some(
		(pattern) => pattern.includes("*") && new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`).test(word),
	);
	if (valid && allowedByPattern && !found.some((s) => s.value === word)) found.unshift({ label: word, value: word });
	return found.slice(0, Math.max(0, Math.min(limit, MAX_SUGGESTIONS)));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The suggestions of one course and one allow-list. */
export function createSuggest(course: Course, namespaces: readonly string[]): Suggest {
	const episodes: Entry[] = course.episodes.map((episode) => ({
		label: `${episode.number} · ${episode.title}`,
		value: String(episode.number),
		keys: [String(episode.number), episode.title.toLowerCase(), ...episode.title.toLowerCase().split(/\s+/)],
	}));
	const terms: Entry[] = course.glossary.map((term) => ({
		label: term.term,
		value: term.term,
		keys: [term.term.toLowerCase(), ...term.aliases.map((alias) => alias.toLowerCase())],
	}));
	return (subject, typed, limit = MAX_SUGGESTIONS) => {
		switch (subject) {
			case "namespace":
				return namespaceSuggestions(namespaces, typed, limit);
			case "episode":
				return ranked(episodes, typed, limit);
			case "term":
				return ranked(terms, typed, limit);
		}
	};
}
