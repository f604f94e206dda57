/** Pieces of text handling the explain index needs beside tokenising: pasted tables, whole phrases, the lessons' prose. */
import type { Course } from "../course/course.ts";
import { availabilityTargetsAsWords, tokens } from "./text.ts";

// A kubectl table header: a line of two or more upper-case column names ("NAME   READY   STATUS"),
// some with their unit ("CPU(cores)   MEMORY(bytes)" of kubectl top).
const TABLE_HEADER = /^[ \t]*[A-Z][A-Z0-9_/%-]*(?:\([a-z]+\))?(?:[ \t]+[A-Z][A-Z0-9_/%-]*(?:\([a-z]+\))?%?)+[ \t]*$/gm;

// Ages, durations and amounts in table rows ("6m", "52s", "112Mi", "250m", "3%"): when and how
// much, not what (`kubectl top` lists every pod's memory in Mi without being about units).
const ROW_AMOUNT = /\b\d+(?:\.\d+)?(?:ms|s|m|h|d|[KMGTPE]i?|k)?\b%?/g;

// IP addresses ("10.244.1.7:41234": its "244" is no status code), spelled-out spans of time ("10
// min ago", "for 5 minutes", "30s") and percentages ("184%/60%"): where, how long and how much, never what. "min" after a number is minutes, not a minimum.
// An amount set as a value ("requests.cpu=500m", "requests.memory=60Gi" in a quota error) is how much, not what.
const SPAN_OR_SHARE =
	/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b|\b\d+(?:\.\d+)?\s*(?:ms|secs?|seconds?|mins?|minutes?|hrs?|hours?)\b|\b\d+(?:\.\d+)?\s*%|(?<==)\d+(?:\.\d+)?(?:[KMGTPE]i?|k|m)?\b/gi;

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** "the 4 things to watch" says four as a word does (a number is otherwise noise); "0/2 nodes", "x5" and "4.2" stay numbers. */
export function withSmallNumbersAsWords(question: string): string {
	return question.replace(/(?<![\d/.:x-])\b([1-9])\s+(?=[a-z]{3})/g, (_, digit: string) => `${NUMBER_WORDS[Number(digit)]} `);
}

/** The question without its IP addresses, spans of time, percentages and assigned amounts (see SPAN_OR_SHARE); availability targets stay, as words. */
export function withoutSpansAndShares(question: string): string {
	return availabilityTargetsAsWords(question).replace(SPAN_OR_SHARE, " ");
}

/**
 * Pasted `kubectl get` or `kubectl top` output: the header names the columns, not the problem; the
 * rows do, less their ages and amounts ("6m" there is six minutes, "112Mi" a pod's memory).
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
			return inTable ? line.replace(ROW_AMOUNT, " ") : line;
		})
		.join("\n");
}

/**
 * What pasted `kubectl get` output is about: the kind it lists ("kubectl get rs") and the values
 * of its STATUS (or REASON) column ("OOMKilled", "CrashLoopBackOff"), which say what is wrong;
 * the rest is names and counts.
 */
export function outputSubjects(question: string): string[] {
	// "$ kubectl get rs": the kind of object the output that follows is about.
	const found = [...question.matchAll(/\bkubectl\s+(?:get|describe)\s+([a-z][a-z.-]{1,40})\b/gi)].map((m) => m[1] ?? "");
	// kubectl aligns its columns: the status starts where the header's STATUS does.
	let at = -1;
	for (const line of question.split("\n")) {
		TABLE_HEADER.lastIndex = 0;
		if (TABLE_HEADER.test(line)) {
			at = line.search(/\b(?:STATUS|REASON)\b/);
			continue;
		}
		if (line.trim() === "") at = -1;
		if (at < 0) continue;
		const start = line.slice(0, at + 1).search(/\S*$/);
		const cell = /^\S+/.exec(line.slice(Math.min(start, at)))?.[0];
		if (cell && /^[A-Za-z][A-Za-z:-]{2,40}$/.test(cell)) found.push(cell);
	}
	return found;
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

const AMOUNT = /\b\d+(?:\.\d+)?(?:ki|mi|gi|ti|k|m|g|t)\b/gi;

/** Units the question writes only after a number ("2Gi", "500m"), never on their own ("Mi vs M"). */
export function unitsOnlyInAmounts(text: string): Set<string> {
	const inAmounts = new Set<string>();
	for (const match of text.matchAll(AMOUNT)) for (const unit of tokens(match[0])) inAmounts.add(unit);
	if (inAmounts.size === 0) return inAmounts;
	for (const alone of tokens(text.replace(AMOUNT, " "))) inAmounts.delete(alone);
	return inAmounts;
}
