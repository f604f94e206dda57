/**
 * The tokens an explain index is built from, as plain data: tokenising the glossary and the lessons
 * is most of the work of building one, so they can be kept beside the validated course and handed
 * back to the next index of that course.
 */
import type { Course } from "../course/course.ts";
import type { GlossaryTerm } from "../course/schema.ts";
import { findNames } from "./question-names.ts";
import { lessonText } from "./question-parts.ts";
import { nameTokens, tokens } from "./text.ts";

/** The tokens the index is built from for one term: everything it derives from the term's text. */
export interface TermTokens {
	readonly id: string;
	readonly names: readonly string[];
	readonly typos: readonly string[];
	readonly errors: readonly string[];
	readonly asks: readonly string[];
	readonly body: readonly string[];
	readonly phrases: readonly (readonly string[])[];
	readonly errorPhrases: readonly (readonly string[])[];
	readonly askPhrases: readonly (readonly string[])[];
	/** Each name, alias and misspelling spelled together, as a question naming the term whole reads. */
	readonly nameKeys: readonly string[];
}

/**
 * What an index of this course is built from, as plain data: tokenising the glossary and the
 * lessons is most of the work of building one, so a composition root may keep it beside the
 * validated course (bin/course-cache.ts) and hand it back with useIndexTokens.
 */
export interface IndexTokens {
	readonly terms: readonly TermTokens[];
	readonly lessons: readonly string[];
}

export function indexTokens(course: Course): IndexTokens {
	return { terms: course.glossary.map(termTokens), lessons: tokens(lessonText(course)) };
}

const prepared = new WeakMap<Course, IndexTokens>();

/** The next index of this very course object is built from these tokens (made by indexTokens for it). */
export function useIndexTokens(course: Course, kept: IndexTokens): void {
	prepared.set(course, kept);
}

/** The kept tokens for this course, once (then dropped), when they match its glossary term by term. */
export function takePrepared(course: Course): IndexTokens | undefined {
	const kept = prepared.get(course);
	prepared.delete(course);
	if (!kept || kept.terms.length !== course.glossary.length) return undefined;
	return kept.terms.every((t, i) => t.id === course.glossary[i]?.id) ? kept : undefined;
}

// A one-letter command-line flag ("kubectl apply -k"): tokens drop it, and without it the name is
// any "kubectl apply".
const SHORT_FLAG = /(?:^|\s)-[a-z]\b/i;

export function termTokens(term: GlossaryTerm): TermTokens {
	// A name told apart only by its flag is read as a way of asking, not as a name.
	const flagged = (name: string) => SHORT_FLAG.test(name);
	const aliases = term.aliases.filter((name) => !flagged(name));
	const allNames = [term.term, ...aliases, ...term.misspellings];
	// An error line's object names are examples ("failed quota: compute-quota"): read without them, as questions are.
	const errorLines = term.errorStrings.map((line) => findNames(line).masked);
	return {
		id: term.id,
		names: [term.term, ...aliases].flatMap(nameTokens),
		typos: term.misspellings.flatMap(nameTokens),
		errors: errorLines.flatMap(tokens),
		asks: [...term.askedAs, ...term.aliases.filter(flagged)].flatMap(tokens),
		body: tokens([term.definition, term.whyItBites, ...term.fix, ...term.diagnose.map((d) => d.purpose)].join(" ")),
		phrases: allNames.map(tokens).filter((phrase) => phrase.length > 0),
		errorPhrases: errorLines.map(tokens).filter((phrase) => phrase.length > 1),
		askPhrases: term.askedAs.map((phrase) => [...new Set(tokens(phrase))]).filter((phrase) => phrase.length >= 2),
		nameKeys: allNames.map((name) => tokens(name).join("")),
	};
}
