/**
 * The participation figures counted in JavaScript from answers: the memory store, the Redis store
 * (over its time-ordered answer indexes) and the tests' scan all count this one way, so that the
 * SQL aggregate of the SQLite store has one definition to agree with.
 */
import { dayNumber, type ParticipationFigures } from "../ports/store.ts";

const DAY_MS = 86_400_000;

/** The fields of an Answer the figures read. */
export interface CountedAnswer {
	readonly channelId: string;
	readonly quizId: string;
	readonly userId: string;
	readonly questionId: string;
	readonly episode: number;
	readonly correct: boolean;
	readonly answeredAt: number;
	readonly day: string;
}

/** Week number of a "YYYY-MM-DD" day: weeks start on Monday (day 0, 1970-01-01, was a Thursday). */
export const weekOf = (day: string): number => Math.floor((dayNumber(day) + 3) / 7);

/** The Monday ("YYYY-MM-DD") of a week number. */
export const mondayOf = (week: number): string => new Date((week * 7 - 3) * DAY_MS).toISOString().slice(0, 10);

export class ParticipationCounter {
	private readonly weeks = new Map<number, { learners: Set<string>; answers: number; correct: number; quizzes: Set<string> }>();
	private readonly learners = new Map<string, { answers: number; correct: number; last: number }>();
	private readonly questions = new Map<string, { episode: number; answers: number; correct: number }>();
	/** Week numbers by day, since a report's answers fall on a few dozen days. */
	private readonly weekByDay = new Map<string, number>();

	add(answer: CountedAnswer): void {
		let week = this.weekByDay.get(answer.day);
		if (week === undefined) {
			week = weekOf(answer.day);
			this.weekByDay.set(answer.day, week);
		}
		const right = answer.correct ? 1 : 0;
		let w = this.weeks.get(week);
		if (!w) {
			w = { learners: new Set(), answers: 0, correct: 0, quizzes: new Set() };
			this.weeks.set(week, w);
		}
		w.learners.add(answer.userId);
		w.answers++;
		w.correct += right;
		w.quizzes.add(`${answer.channelId}\n${answer.quizId}`);
		const l = this.learners.get(answer.userId);
		if (l) {
			l.answers++;
			l.correct += right;
			if (answer.answeredAt > l.last) l.last = answer.answeredAt;
		} else this.learners.set(answer.userId, { answers: 1, correct: right, last: answer.answeredAt });
		const q = this.questions.get(answer.questionId);
		if (q) {
			q.answers++;
			q.correct += right;
			if (answer.episode < q.episode) q.episode = answer.episode;
		} else this.questions.set(answer.questionId, { episode: answer.episode, answers: 1, correct: right });
	}

	figures(): ParticipationFigures {
		const byKey = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return {
			weeks: [...this.weeks]
				.sort(([a], [b]) => a - b)
				.map(([week, w]) => ({
					week: mondayOf(week),
					learners: w.learners.size,
					answers: w.answers,
					correct: w.correct,
					quizzesAnswered: w.quizzes.size,
				})),
			learners: byKey(this.learners).map(([userId, l]) => ({
				userId,
				answers: l.answers,
				correct: l.correct,
				lastAnsweredAt: new Date(l.last),
			})),
			questions: byKey(this.questions).map(([questionId, q]) => ({
				questionId,
				episode: q.episode,
				answers: q.answers,
				correct: q.correct,
			})),
		};
	}
}
