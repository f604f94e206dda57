import { z } from "zod";

/**
 * The shape of a course pack on disk. Every file under content/<course>/ is checked against
 * these schemas at load; a mistake fails with the file, the field and what was expected.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "a lower-case id of letters, digits and dashes, such as 'oom-killed'");
const text = z.string().trim().min(1, "non-empty text");
const episodeNumber = z.number().int().positive();

export const kubectlCommandSchema = z.strictObject({
	command: text,
	purpose: text,
});

export const courseSchema = z.strictObject({
	id,
	title: text,
	description: text,
	/** Where a learner can read or listen to the course, if it has a home page. */
	link: z.url().optional(),
});

export const sectionSchema = z.strictObject({
	id,
	title: text,
	text,
});

export const episodeSchema = z.strictObject({
	number: episodeNumber,
	slug: id,
	title: text,
	/**
	 * How deep the pack's material goes: `complete` when the seeds hold the whole lesson,
	 * `outline` when it is written from the course's previews and recall answers plus standard
	 * Kubernetes knowledge.
	 */
	depth: z.enum(["complete", "outline"]),
	/** Which seed documents the facts come from (file names or descriptions). */
	sources: z.array(text).min(1),
	summary: text,
	objectives: z.array(text).min(2),
	keyPoints: z.array(text).min(3),
	/** Episode numbers this one builds on. */
	buildsOn: z.array(episodeNumber),
	deepens: z.strictObject({
		checklist: z.array(id),
		failurePatterns: z.array(id),
	}),
	link: z.url().optional(),
	sections: z.array(sectionSchema).min(3),
	kubectl: z.array(kubectlCommandSchema).min(2),
	/** Glossary ids a learner should take away from this episode. */
	keyTerms: z.array(id).min(3),
});

export const glossaryTermSchema = z.strictObject({
	id,
	term: text,
	/** Other names people use, abbreviations and expansions. */
	aliases: z.array(text),
	/** Misspellings people really type; fuzzy matching covers the rest. */
	misspellings: z.array(text),
	/**
	 * How people ask about it without naming it: symptoms, goals, situations ("my pod keeps
	 * restarting after a few seconds"). Indexed so that paraphrased questions find the term.
	 */
	askedAs: z.array(text).default([]),
	/** Text that kubectl, events or logs print when this is the problem, as it appears. */
	errorStrings: z.array(text),
	definition: text,
	whyItBites: text,
	diagnose: z.array(kubectlCommandSchema).min(1),
	fix: z.array(text).min(1),
	episode: episodeNumber,
	/** Section id within the episode. */
	section: id,
	related: z.array(id),
});

export const glossaryFileSchema = z.strictObject({ terms: z.array(glossaryTermSchema).min(1) });

export const quizQuestionSchema = z
	.strictObject({
		id,
		question: text,
		options: z.array(text).min(3).max(4),
		/** Index into options, starting at 0. */
		answer: z.number().int().min(0),
		explanation: text,
		/** The glossary id the question tests. */
		concept: id,
		difficulty: z.enum(["easy", "medium", "hard"]),
		/** `recall` questions come from the seeds' own recall sections. */
		kind: z.enum(["recall", "concept", "scenario"]),
	})
	.refine((q) => q.answer < q.options.length, {
		message: "answer must be the index of one of the options (0 for the first)",
		path: ["answer"],
	});

export const quizFileSchema = z.strictObject({
	episode: episodeNumber,
	questions: z.array(quizQuestionSchema).min(1),
});

export const checklistItemSchema = z.strictObject({
	id,
	title: text,
	/** `core` is Episode 1's six items; `complete` adds Episode 10's. */
	profile: z.enum(["core", "complete"]),
	/** Position in Episode 1's (core) or Episode 10's (complete) list. */
	order: z.number().int().positive(),
	episode: episodeNumber,
	question: text,
	why: text,
	goodLooksLike: z.array(text).min(1),
	terms: z.array(id).min(1),
});

export const checklistFileSchema = z.strictObject({ items: z.array(checklistItemSchema).min(1) });

export const failurePatternSchema = z.strictObject({
	id,
	title: text,
	symptoms: z.array(text).min(1),
	causes: z.array(text).min(1),
	prevention: z.array(text).min(1),
	checklistItem: id,
	episode: episodeNumber,
	terms: z.array(id).min(1),
});

export const failurePatternFileSchema = z.strictObject({ patterns: z.array(failurePatternSchema).min(1) });

export type CourseMeta = z.infer<typeof courseSchema>;
export type Episode = z.infer<typeof episodeSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type KubectlCommand = z.infer<typeof kubectlCommandSchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;
export type ChecklistItem = z.infer<typeof checklistItemSchema>;
export type FailurePattern = z.infer<typeof failurePatternSchema>;
