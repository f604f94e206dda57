/** Pieces of text handling the explain index needs beside tokenising: pasted tables, whole phrases, the lessons' prose. */
import type { Course } from "../course/course.ts";

// A kubectl table header: a line of two or more upper-case column names ("NAME   READY   STATUS").
const TABLE_HEADER = /^[ \t]*[A-Z][A-Z0-9()_/%-]*(?:[ \t]+[A-Z][A-Z0-9()_/%-]*)+[ \t]*$/gm;

// Ages and durations in table rows and events ("6m", "52s", "(x5 over 2m)"): when, not what.
const DURATION = /\b\d+(?:\.\d+)?(?:ms|s|m|h|d)\b/g;

/**
 * Pasted `kubectl get` output: the header names the columns, not the problem; the rows do, less
 * their ages ("6m" there is six minutes, not 6 millicores).
 */
export function withoutTableHeaders(question: string): string {
	if (!TABLE_HEADER.test(question)) return question;
	TABLE_HEADER.lastIndex = 0;
	let inTable = false;
	return question
		.split("\n")
		.map((line) => {
			TABLE_HEADER.lastIndex = 0;
			if (TABLE_HEADER.test(line)) {
				inTable = true;
				return "";
			}
			if (line.trim() === "") inTable = false;
			return inTable ? line.replace(DURATION, " ") : line;
		})
		.join("\n");
}

/** Indexes of the question's words that, together, spell out one whole phrase (a name, an error line). */
export function wholeNameWords(words: readonly string[], phrases: readonly (readonly string[])[]): Set<number> {
	const whole = new Set<number>();
	for (const phrase of phrases) {
		const at = phrase.map((part) => words.indexOf(part));
		if (at.every((i) => i >= 0)) for (const i of at) whole.add(i);
	}
	return whole;
}

/** All the course's own prose: lessons, quizzes, checklist and failure patterns. */
export function lessonText(course: Course): string {
	const parts: string[] = [course.meta.description];
	for (const episode of course.episodes) {
		parts.push(
			episode.summary,
			...episode.objectives,
			...episode.keyPoints,
			...episode.sections.map((s) => s.text),
			...episode.kubectl.map((k) => k.purpose),
		);
	}
	for (const question of course.questions) parts.push(question.question, ...question.options, question.explanation);
	for (const item of course.checklist) parts.push(item.question, item.why, ...item.goodLooksLike);
	for (const pattern of course.failurePatterns) parts.push(...pattern.symptoms, ...pattern.causes, ...pattern.prevention);
	return parts.join(" ");
}
