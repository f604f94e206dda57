/**
 * The participation figures computed the simplest honest way (the benchmark's baseline, the tests'
 * oracle): every answer of the period read through the Store port (listAnswers, channel by
 * channel) and aggregated in JavaScript. The SQL aggregate (participation-query.ts) must agree.
 */
import type { ParticipationFigures } from "../../adapters/sqlite/participation-query.ts";
import { dayNumber, type Store, type TimeRange } from "../../src/ports/store.ts";

const DAY_MS = 86_400_000;

export async function participationByScan(store: Store, channelIds: readonly string[], range: TimeRange): Promise<ParticipationFigures> {
	const weeks = new Map<number, { learners: Set<string>; answers: number; correct: number; quizzes: Set<string> }>();
	const learners = new Map<string, { answers: number; correct: number; last: number }>();
	const questions = new Map<string, { episode: number; answers: number; correct: number }>();
	for (const channelId of channelIds) {
		for (const answer of await store.listAnswers({ channelId, range })) {
			const week = Math.floor((dayNumber(answer.day) + 3) / 7);
			const w = weeks.get(week) ?? { learners: new Set(), answers: 0, correct: 0, quizzes: new Set() };
			w.learners.add(answer.userId);
			w.answers++;
			w.correct += answer.correct ? 1 : 0;
			w.quizzes.add(`${answer.channelId}\n${answer.quizId}`);
			weeks.set(week, w);
			const l = learners.get(answer.userId) ?? { answers: 0, correct: 0, last: 0 };
			l.answers++;
			l.correct += answer.correct ? 1 : 0;
			l.last = Math.max(l.last, answer.answeredAt.getTime());
			learners.set(answer.userId, l);
			const q = questions.get(answer.questionId) ?? { episode: answer.episode, answers: 0, correct: 0 };
			q.episode = Math.min(q.episode, answer.episode);
			q.answers++;
			q.correct += answer.correct ? 1 : 0;
			questions.set(answer.questionId, q);
		}
	}
	const byKey = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		weeks: [...weeks]
			.sort(([a], [b]) => a - b)
			.map(([week, w]) => ({
				week: new Date((week * 7 - 3) * DAY_MS).toISOString().slice(0, 10),
				learners: w.learners.size,
				answers: w.answers,
				correct: w.correct,
				quizzesAnswered: w.quizzes.size,
			})),
		learners: byKey(learners).map(([userId, l]) => ({ userId, answers: l.answers, correct: l.correct, lastAnsweredAt: new Date(l.last) })),
		questions: byKey(questions).map(([questionId, q]) => ({ questionId, episode: q.episode, answers: q.answers, correct: q.correct })),
	};
}
