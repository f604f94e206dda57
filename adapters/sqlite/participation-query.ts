/**
 * The participation report's figures, aggregated by SQLite over one channel or one workspace in a
 * time range: per week, per learner and per question. A channel's answers over a period are one
 * contiguous range of the answers table (clustered by channel and time); a workspace's are that
 * range in each of its channels (answer_channels), so the cost follows the answers in the range,
 * not the history.
 *
 * Weeks are Monday to Sunday of the channel's own calendar day (Answer.day, stored as day_number,
 * days since 1970-01-01, a Thursday): week = (day_number + 3) / 7.
 *
 * SqliteStore.participation (the Store port's) runs it.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { ParticipationFigures, ParticipationScope, TimeRange } from "../../src/ports/store.ts";

type Row = Record<string, unknown>;

const DAY_MS = 86_400_000;
const monday = (week: number) => new Date((week * 7 - 3) * DAY_MS).toISOString().slice(0, 10);

function statements(db: DatabaseSync, where: string) {
	const range = `${where} AND answered_at >= :from AND answered_at < :to`;
	return {
		weeks: db.prepare(
			`SELECT (day_number + 3) / 7 AS week, COUNT(DISTINCT user_id) AS learners, COUNT(*) AS answers, SUM(correct) AS correct,
			 COUNT(DISTINCT channel_id || char(10) || quiz_id) AS quizzes
			 FROM answers WHERE ${range} GROUP BY week ORDER BY week`,
		),
		learners: db.prepare(
			`SELECT user_id, COUNT(*) AS answers, SUM(correct) AS correct, MAX(answered_at) AS last
			 FROM answers WHERE ${range} GROUP BY user_id ORDER BY user_id`,
		),
		questions: db.prepare(
			`SELECT question_id, MIN(episode) AS episode, COUNT(*) AS answers, SUM(correct) AS correct
			 FROM answers WHERE ${range} GROUP BY question_id ORDER BY question_id`,
		),
	};
}

export class ParticipationQuery {
	private readonly db: DatabaseSync;
	private readonly byChannel: Record<"weeks" | "learners" | "questions", StatementSync>;
	private readonly byWorkspace: Record<"weeks" | "learners" | "questions", StatementSync>;

	constructor(db: DatabaseSync) {
		this.db = db;
		this.byChannel = statements(db, "channel_id = :scope");
		this.byWorkspace = statements(db, "channel_id IN (SELECT channel_id FROM answer_channels WHERE workspace_id = :scope)");
	}

	/** The three aggregates, read in one transaction so that they agree with each other. */
	run(scope: ParticipationScope, range: TimeRange): ParticipationFigures {
		const [set, id] = "channelId" in scope ? [this.byChannel, scope.channelId] : [this.byWorkspace, scope.workspaceId];
		const params = { scope: id, from: range.from.getTime(), to: range.to.getTime() };
		this.db.exec("BEGIN");
		try {
			return {
				weeks: set.weeks.all(params).map((row: Row) => ({
					week: monday(Number(row.week)),
					learners: Number(row.learners),
					answers: Number(row.answers),
					correct: Number(row.correct),
					quizzesAnswered: Number(row.quizzes),
				})),
				learners: set.learners.all(params).map((row: Row) => ({
					userId: String(row.user_id),
					answers: Number(row.answers),
					correct: Number(row.correct),
					lastAnsweredAt: new Date(Number(row.last)),
				})),
				questions: set.questions.all(params).map((row: Row) => ({
					questionId: String(row.question_id),
					episode: Number(row.episode),
					answers: Number(row.answers),
					correct: Number(row.correct),
				})),
			};
		} finally {
			this.db.exec("COMMIT");
		}
	}
}
