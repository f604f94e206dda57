/**
 * Answers and the streaks they build. The table is clustered by (channel, answered_at), so a
 * channel's answers over a period are one contiguous range; answers_once makes the first answer
 * per user per quiz the only one. recordAnswer runs inside the caller's transaction: the answer and
 * its streak are written together or not at all.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Answer, RecordAnswerResult, Streak, TimeRange } from "../../src/ports/store.ts";
import { dayNumber } from "../../src/ports/store.ts";
import { nextStreak } from "../../src/ports/streak-rule.ts";

type Row = Record<string, unknown>;

const COLUMNS = "channel_id, quiz_id, user_id, question_id, episode, choice, correct, answered_at, day";
const STREAK_COLUMNS = "channel_id, user_id, current, longest, last_active_day";

/** Everything before the last ":" of a channel id (src/ports/store.ts): "slack:T1" of "slack:T1:C1". */
export const workspaceOf = (channelId: string) => channelId.slice(0, Math.max(0, channelId.lastIndexOf(":")));

function decode(row: Row): Answer {
	return {
		channelId: String(row.channel_id),
		quizId: String(row.quiz_id),
		userId: String(row.user_id),
		questionId: String(row.question_id),
		episode: Number(row.episode),
		choice: String(row.choice),
		correct: row.correct === 1,
		answeredAt: new Date(Number(row.answered_at)),
		day: String(row.day),
	};
}

function decodeStreak(row: Row): Streak {
	return {
		channelId: String(row.channel_id),
		userId: String(row.user_id),
		current: Number(row.current),
		longest: Number(row.longest),
		lastActiveDay: String(row.last_active_day),
	};
}

export class AnswersTable {
	private readonly insert: StatementSync;
	private readonly channelOfWorkspace: StatementSync;
	private readonly first: StatementSync;
	private readonly ofQuiz: StatementSync;
	private readonly countQuiz: StatementSync;
	private readonly ofChannel: StatementSync;
	private readonly ofUser: StatementSync;
	private readonly streak: StatementSync;
	private readonly streaks: StatementSync;
	private readonly upsertStreak: StatementSync;

	constructor(db: DatabaseSync) {
		this.insert = db.prepare(
			`INSERT INTO answers (${COLUMNS}, day_number)
			 VALUES (:channel_id, :quiz_id, :user_id, :question_id, :episode, :choice, :correct, :answered_at, :day, :day_number)
			 ON CONFLICT DO NOTHING`,
		);
		this.channelOfWorkspace = db.prepare("INSERT OR IGNORE INTO answer_channels (workspace_id, channel_id) VALUES (?, ?)");
		this.first = db.prepare(`SELECT ${COLUMNS} FROM answers WHERE channel_id = ? AND quiz_id = ? AND user_id = ?`);
		this.ofQuiz = db.prepare(`SELECT ${COLUMNS} FROM answers WHERE channel_id = ? AND quiz_id = ? ORDER BY answered_at, user_id`);
		this.countQuiz = db.prepare("SELECT count(*) AS answers FROM answers WHERE channel_id = ? AND quiz_id = ?");
		this.ofChannel = db.prepare(
			`SELECT ${COLUMNS} FROM answers WHERE channel_id = ? AND answered_at >= ? AND answered_at < ? ORDER BY answered_at, quiz_id, user_id`,
		);
		this.ofUser = db.prepare(
			`SELECT ${COLUMNS} FROM answers WHERE channel_id = ? AND user_id = ? AND answered_at >= ? AND answered_at < ?
			 ORDER BY answered_at, quiz_id`,
		);
		this.streak = db.prepare(`SELECT ${STREAK_COLUMNS} FROM streaks WHERE channel_id = ? AND user_id = ?`);
		this.streaks = db.prepare(`SELECT ${STREAK_COLUMNS} FROM streaks WHERE channel_id = ?`);
		this.upsertStreak = db.prepare(
			`INSERT OR REPLACE INTO streaks (${STREAK_COLUMNS}) VALUES (:channel_id, :user_id, :current, :longest, :last_active_day)`,
		);
	}

	/** Call inside a transaction: the answer, if it is the user's first to this quiz, and the streak. */
	record(answer: Answer): RecordAnswerResult {
		if (!this.restore(answer)) {
			const first = this.first.get(answer.channelId, answer.quizId, answer.userId);
			if (!first) throw new Error(`An answer of ${answer.userId} to ${answer.quizId} conflicts but cannot be read back`);
			return { status: "already-answered", answer: decode(first) };
		}
		const previous = this.getStreak(answer.channelId, answer.userId);
		const next = nextStreak(previous, answer);
		if (next !== previous) this.restoreStreak(next);
		return { status: "recorded", answer };
	}

	/** Stores the answer alone, without touching the streak; false when the user had answered already. */
	restore(answer: Answer): boolean {
		const inserted = this.insert.run({
			channel_id: answer.channelId,
			quiz_id: answer.quizId,
			user_id: answer.userId,
			question_id: answer.questionId,
			episode: answer.episode,
			choice: answer.choice,
			correct: answer.correct ? 1 : 0,
			answered_at: answer.answeredAt.getTime(),
			day: answer.day,
			day_number: dayNumber(answer.day),
		});
		if (Number(inserted.changes) === 0) return false;
		this.channelOfWorkspace.run(workspaceOf(answer.channelId), answer.channelId);
		return true;
	}

	/** Writes the streak as it is. */
	restoreStreak(streak: Streak): void {
		this.upsertStreak.run({
			channel_id: streak.channelId,
			user_id: streak.userId,
			current: streak.current,
			longest: streak.longest,
			last_active_day: streak.lastActiveDay,
		});
	}

	listOfQuiz(channelId: string, quizId: string): Answer[] {
		return this.ofQuiz.all(channelId, quizId).map(decode);
	}

	countOfQuiz(channelId: string, quizId: string): number {
		return Number((this.countQuiz.get(channelId, quizId) as { answers: number | bigint }).answers);
	}

	list(channelId: string, range: TimeRange, userId?: string): Answer[] {
		const [from, to] = [range.from.getTime(), range.to.getTime()];
		const rows = userId === undefined ? this.ofChannel.all(channelId, from, to) : this.ofUser.all(channelId, userId, from, to);
		return rows.map(decode);
	}

	getStreak(channelId: string, userId: string): Streak | null {
		const row = this.streak.get(channelId, userId);
		return row ? decodeStreak(row) : null;
	}

	listStreaks(channelId: string): Streak[] {
		return this.streaks.all(channelId).map(decodeStreak);
	}
}
