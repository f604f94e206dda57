/** Pieces of text handling the explain index needs beside tokenising: pasted tables, whole phrases, the lessons' prose. */
import type { Course } from "../course/course.ts";

// A kubectl table header: a line of two or more upper-case column names ("NAME   READY   STATUS").
const TABLE_HEADER = /^[ \t]*[A-Z][A-Z0-9()_/%-]*(?:[ \t]+[A-Z][A-Z0-9()_/%-]*)+[ \t]*$/gm;

/** Pasted `kubectl get` output: the header names the columns, not the problem; the rows do. */
export function withoutTableHeaders(question: string): string {
	return question.replace(TABLE_HEADER, "");
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
