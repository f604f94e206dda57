/** A quiz as posted in a channel: open (with a running count that gives nothing away), then revealed. */
import { type Course, type CourseQuestion, findEpisode } from "../course/course.ts";
import type { QuizPost } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import { formatInZone } from "../study/format-time.ts";

export const QUIZ_POST_ACTION = "quiz-post";
const LETTERS = ["A", "B", "C", "D"];

/** The button value of option `choice` of a posted quiz; quiz ids hold no ":". */
export const quizPostValue = (quizId: string, choice: number) => `${quizId}:${choice}`;

export function parseQuizPostValue(value: string): { quizId: string; choice: number } | null {
	const cut = value.lastIndexOf(":");
	const choice = Number(value.slice(cut + 1));
	return cut > 0 && Number.isInteger(choice) ? { quizId: value.slice(0, cut), choice } : null;
}

function title(course: Course, question: CourseQuestion): string {
	const episode = findEpisode(course, question.episode);
	return `Episode ${question.episode}${episode ? `: ${episode.title}` : ""}`;
}

const counted = (n: number) => (n === 1 ? "1 answer" : `${n} answers`);

export interface OpenQuizView {
	readonly answers: number;
	readonly timeZone: string;
	/** Said at the top when the post went out late. */
	readonly lateNote?: string;
}

export function openQuizReply(course: Course, question: CourseQuestion, post: QuizPost, view: OpenQuizView): Reply {
	const options = question.options.map((option, i) => `${LETTERS[i]}. ${option}`);
	return {
		header: `Recall quiz · ${title(course, question)}`,
		text: [...(view.lateNote ? [view.lateNote] : []), question.question, ...options].join("\n"),
		buttons: question.options.map((option, i) => ({
			action: QUIZ_POST_ACTION,
			label: `${LETTERS[i]}. ${option}`,
			value: quizPostValue(post.id, i),
		})),
		footer: `${counted(view.answers)} so far · closes ${formatInZone(post.closesAt, view.timeZone)} · your answer and its feedback are private`,
		visibility: "channel",
	};
}

export function revealedQuizReply(course: Course, question: CourseQuestion, answers: readonly { readonly correct: boolean }[]): Reply {
	const right = answers.filter((a) => a.correct).length;
	const share =
		answers.length === 0
			? "Nobody answered."
			: `${right} of ${counted(answers.length)} right (${Math.round((100 * right) / answers.length)}%).`;
	return {
		header: `Quiz closed · ${title(course, question)}`,
		text: [
			question.question,
			...question.options.map((option, i) => `${i === question.answer ? "✓" : "  "} ${LETTERS[i]}. ${option}`),
			`Answer: ${LETTERS[question.answer]}. ${question.explanation}`,
		].join("\n"),
		footer: share,
		buttons: [{ action: "explain", label: "Explain the concept", value: question.concept }],
		visibility: "channel",
	};
}
