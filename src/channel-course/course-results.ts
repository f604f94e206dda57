/** The channel's results over its whole course, for the course-complete message. */
import type { Store } from "../ports/store.ts";

export interface CourseResults {
	/** Quiz posts that reached the channel. */
	readonly quizzes: number;
	readonly learners: number;
	readonly answers: number;
	readonly correct: number;
	readonly answersPerQuiz: number;
	readonly longestStreak: number;
}

const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };

export async function courseResults(store: Store, channelId: string): Promise<CourseResults> {
	const [posts, answers, streaks] = await Promise.all([
		store.listQuizPosts(channelId, ALL_TIME),
		store.listAnswers({ channelId, range: ALL_TIME }),
		store.listStreaks(channelId),
	]);
	const quizzes = posts.filter((p) => p.messageRef !== null).length;
	return {
		quizzes,
		learners: new Set(answers.map((a) => a.userId)).size,
		answers: answers.length,
		correct: answers.filter((a) => a.correct).length,
		answersPerQuiz: quizzes === 0 ? 0 : answers.length / quizzes,
		longestStreak: Math.max(0, ...streaks.map((s) => s.longest)),
	};
}
