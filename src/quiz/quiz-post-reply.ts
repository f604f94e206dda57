/** A quiz as posted in a channel: open (with a running count that gives nothing away), then revealed. */
import { type Course, type CourseQuestion, findEpisode } from "../course/course.ts";
import type { QuizPost } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import { formatInZone } from "../study/format-time.ts";
import { optionButtons, optionLetter, optionLines } from "./quiz-options.ts";

/** The action of a posted quiz's option buttons; their values are choiceValue(quiz id, option). */
export const QUIZ_POST_ACTION = "quiz-post";

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
	return {
		header: `Recall quiz · ${title(course, question)}`,
		text: [...(view.lateNote ? [view.lateNote] : []), question.question, ...optionLines(question)].join("\n"),
		buttons: optionButtons(QUIZ_POST_ACTION, post.id, question),
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
			...optionLines(question).map((line, i) => `${i === question.answer ? "✓" : "  "} ${line}`),
			`Answer: ${optionLetter(question.answer)}. ${question.explanation}`,
		].join("\n"),
		footer: share,
		buttons: [{ action: "explain", label: "Explain the concept", value: question.concept }],
		visibility: "channel",
	};
}
