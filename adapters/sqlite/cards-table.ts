/**
 * Learners' spaced-repetition cards (ts-fsrs, as JSON with dates) with their due time as a column,
 * and learners_due: each learner's earliest due time, kept up to date by every save in the same
 * transaction, so that "who has something due" reads one index of learners.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { Card } from "ts-fsrs";
import { decodeJson, encodeJson } from "../../src/json-with-dates.ts";
import type { LearnerCard } from "../../src/ports/store.ts";

type Row = Record<string, unknown>;

function decode(row: Row): LearnerCard {
	const card = { userId: String(row.user_id), questionId: String(row.question_id), card: decodeJson(String(row.card)) as Card };
	const answered = Number(row.reviews_answered);
	return answered > 0 ? { ...card, reviews: { answered, right: Number(row.reviews_right) } } : card;
}

const COLUMNS = "user_id, question_id, card, reviews_answered, reviews_right";

/** user_id, question_id, due, card, reviews_answered, reviews_right. */
const values = (card: LearnerCard) =>
	[
		card.userId,
		card.questionId,
		card.card.due.getTime(),
		encodeJson(card.card),
		card.reviews?.answered ?? 0,
		card.reviews?.right ?? 0,
	] as const;

export class CardsTable {
	private readonly getOne: StatementSync;
	private readonly upsert: StatementSync;
	private readonly insertNew: StatementSync;
	private readonly refreshLearner: StatementSync;
	private readonly due: StatementSync;
	private readonly learnersDue: StatementSync;

	constructor(db: DatabaseSync) {
		this.getOne = db.prepare(`SELECT ${COLUMNS} FROM cards WHERE user_id = ? AND question_id = ?`);
		this.upsert = db.prepare(
			"INSERT OR REPLACE INTO cards (user_id, question_id, due, card, reviews_answered, reviews_right) VALUES (?, ?, ?, ?, ?, ?)",
		);
		this.insertNew = db.prepare(
			"INSERT OR IGNORE INTO cards (user_id, question_id, due, card, reviews_answered, reviews_right) VALUES (?, ?, ?, ?, ?, ?)",
		);
		this.refreshLearner = db.prepare(
			"INSERT OR REPLACE INTO learners_due (user_id, earliest_due) SELECT user_id, MIN(due) FROM cards WHERE user_id = ? GROUP BY user_id",
		);
		this.due = db.prepare(`SELECT ${COLUMNS} FROM cards WHERE user_id = ? AND due <= ? ORDER BY due, question_id LIMIT ?`);
		this.learnersDue = db.prepare("SELECT user_id FROM learners_due WHERE earliest_due <= ? ORDER BY earliest_due, user_id LIMIT ?");
	}

	get(userId: string, questionId: string): LearnerCard | null {
		const row = this.getOne.get(userId, questionId);
		return row ? decode(row) : null;
	}

	/** Call inside a transaction: the card and the learner's earliest due time change together. */
	save(card: LearnerCard): void {
		this.upsert.run(...values(card));
		this.refreshLearner.run(card.userId);
	}

	/** Call inside a transaction: the card when the learner has none for its question (null), else theirs, unchanged. */
	add(card: LearnerCard): LearnerCard | null {
		if (this.insertNew.run(...values(card)).changes === 0) return this.get(card.userId, card.questionId);
		this.refreshLearner.run(card.userId);
		return null;
	}

	listDue(userId: string, at: Date, limit: number): LearnerCard[] {
		return this.due.all(userId, at.getTime(), limit).map(decode);
	}

	listLearnersDue(at: Date, limit: number): string[] {
		return this.learnersDue.all(at.getTime(), limit).map((row) => String(row.user_id));
	}
}
