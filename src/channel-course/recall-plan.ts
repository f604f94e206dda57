/**
 * Recall quizzes after a drop: one post per offset (1, 3 and 7 days by default), each on another
 * question of the episode, so that the same concept comes back in a new form.
 */
import { type Course, questionsFor } from "../course/course.ts";
import type { QuizPost } from "../ports/store.ts";
import type { StudyOptions } from "../study/study-options.ts";

/**
 * Fixed per drop (episode and drop time), so that scheduling them twice changes nothing, yet new
 * when a course is started over: claimed ids are never posted again.
 */
export const recallQuizId = (episode: number, droppedAt: Date, index: number) =>
	`e${episode}-${droppedAt.getTime().toString(36)}-recall-${index + 1}`;

/** The drop a recall quiz id belongs to (recallQuizId read back), or null for another kind of post. */
export function dropOfRecallId(id: string): { readonly episode: number; readonly droppedAt: Date } | null {
	const match = /^e(\d+)-([0-9a-z]+)-recall-\d+$/.exec(id);
	if (!match) return null;
	return { episode: Number(match[1]), droppedAt: new Date(Number.parseInt(match[2] ?? "", 36)) };
}

export function recallPosts(course: Course, channelId: string, episode: number, droppedAt: Date, options: StudyOptions): QuizPost[] {
	const questions = questionsFor(course, episode);
	if (questions.length === 0) return [];
	// Recall questions first (they come from the course's own recall sections), then the rest.
	const ordered = [...questions.filter((q) => q.kind === "recall"), ...questions.filter((q) => q.kind !== "recall")];
	return options.recallOffsetsMs.map((offset, index) => {
		const opensAt = new Date(droppedAt.getTime() + offset);
		const question = ordered[index % ordered.length] ?? ordered[0];
		return {
			id: recallQuizId(episode, droppedAt, index),
			channelId,
			questionId: question?.id ?? "",
			episode,
			opensAt,
			closesAt: new Date(opensAt.getTime() + options.quizOpenMs),
			messageRef: null,
			revealedAt: null,
		};
	});
}
