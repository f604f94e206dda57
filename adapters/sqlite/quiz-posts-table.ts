/**
 * Quiz posts, with the indexes the scheduler asks every minute: posts scheduled and not claimed
 * yet (by opening time), claims whose lease may end unsettled (by lease end) and posts not
 * revealed yet (by closing time). A post's schedule_state records whether it was scheduled and
 * whether someone claimed it (lease_until: until when); saving a post again keeps both.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { ClaimLease, QuizClaim, QuizPost, TimeRange } from "../../src/ports/store.ts";

type Row = Record<string, unknown>;

const COLUMNS = "channel_id, quiz_id, question_id, episode, opens_at, closes_at, message_ref, revealed_at";
const VALUES = ":channel_id, :quiz_id, :question_id, :episode, :opens_at, :closes_at, :message_ref, :revealed_at";
const REPLACE_FIELDS = `question_id = excluded.question_id, episode = excluded.episode, opens_at = excluded.opens_at,
	closes_at = excluded.closes_at, message_ref = excluded.message_ref, revealed_at = excluded.revealed_at`;

const time = (value: unknown) => (value === null ? null : new Date(Number(value)));

function decode(row: Row): QuizPost {
	return {
		id: String(row.quiz_id),
		channelId: String(row.channel_id),
		questionId: String(row.question_id),
		episode: Number(row.episode),
		opensAt: new Date(Number(row.opens_at)),
		closesAt: new Date(Number(row.closes_at)),
		messageRef: row.message_ref === null ? null : String(row.message_ref),
		revealedAt: time(row.revealed_at),
	};
}

function encode(post: QuizPost) {
	return {
		channel_id: post.channelId,
		quiz_id: post.id,
		question_id: post.questionId,
		episode: post.episode,
		opens_at: post.opensAt.getTime(),
		closes_at: post.closesAt.getTime(),
		message_ref: post.messageRef,
		revealed_at: post.revealedAt?.getTime() ?? null,
	};
}

export type ScheduleState = "waiting" | "claimed" | null;

export class QuizPostsTable {
	private readonly getOne: StatementSync;
	private readonly upsert: StatementSync;
	private readonly upsertScheduled: StatementSync;
	private readonly insertAs: StatementSync;
	private readonly inRange: StatementSync;
	private readonly opening: StatementSync;
	private readonly closing: StatementSync;
	private readonly claimState: StatementSync;
	private readonly claim: StatementSync;
	private readonly reveal: StatementSync;

	constructor(db: DatabaseSync) {
		this.getOne = db.prepare(`SELECT ${COLUMNS} FROM quiz_posts WHERE channel_id = ? AND quiz_id = ?`);
		this.upsert = db.prepare(`INSERT INTO quiz_posts (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT DO UPDATE SET ${REPLACE_FIELDS}`);
		// Scheduling makes a post claimable unless it was claimed already: it is never posted twice.
		this.upsertScheduled = db.prepare(
			`INSERT INTO quiz_posts (${COLUMNS}, schedule_state) VALUES (${VALUES}, 'waiting')
			 ON CONFLICT DO UPDATE SET ${REPLACE_FIELDS},
			 schedule_state = CASE schedule_state WHEN 'claimed' THEN 'claimed' ELSE 'waiting' END`,
		);
		this.insertAs = db.prepare(`INSERT OR REPLACE INTO quiz_posts (${COLUMNS}, schedule_state) VALUES (${VALUES}, :schedule_state)`);
		this.inRange = db.prepare(
			`SELECT ${COLUMNS} FROM quiz_posts WHERE channel_id = ? AND opens_at >= ? AND opens_at < ? ORDER BY opens_at, quiz_id`,
		);
		// Two partial indexes: posts waiting to be claimed, and claims whose lease ended unsettled.
		this.opening = db.prepare(
			`SELECT ${COLUMNS} FROM (
				SELECT *, opens_at AS due_at FROM quiz_posts WHERE schedule_state = 'waiting' AND opens_at <= :at
				UNION ALL
				SELECT *, lease_until AS due_at FROM quiz_posts WHERE schedule_state = 'claimed' AND message_ref IS NULL
					AND revealed_at IS NULL AND lease_until <= :at AND opens_at <= :at
			 ) ORDER BY due_at, channel_id, quiz_id LIMIT :limit`,
		);
		this.closing = db.prepare(
			`SELECT ${COLUMNS} FROM quiz_posts WHERE revealed_at IS NULL AND closes_at <= ?
			 ORDER BY closes_at, channel_id, quiz_id LIMIT ?`,
		);
		this.claimState = db.prepare(
			`SELECT schedule_state AS state, lease_until <= :at AND message_ref IS NULL AND revealed_at IS NULL AS ended
			 FROM quiz_posts WHERE channel_id = :channel_id AND quiz_id = :quiz_id`,
		);
		this.claim = db.prepare(
			"UPDATE quiz_posts SET schedule_state = 'claimed', lease_until = :until WHERE channel_id = :channel_id AND quiz_id = :quiz_id",
		);
		this.reveal = db.prepare("UPDATE quiz_posts SET revealed_at = ? WHERE channel_id = ? AND quiz_id = ? AND revealed_at IS NULL");
	}

	get(channelId: string, quizId: string): QuizPost | null {
		const row = this.getOne.get(channelId, quizId);
		return row ? decode(row) : null;
	}

	save(post: QuizPost): void {
		this.upsert.run(encode(post));
	}

	schedule(post: QuizPost): void {
		this.upsertScheduled.run(encode(post));
	}

	/** Writes a post with its schedule state as it is (the journal-store import). */
	restore(post: QuizPost, state: ScheduleState): void {
		this.insertAs.run({ ...encode(post), schedule_state: state });
	}

	list(channelId: string, range: TimeRange): QuizPost[] {
		return this.inRange.all(channelId, range.from.getTime(), range.to.getTime()).map(decode);
	}

	listOpeningBy(at: Date, limit: number): QuizPost[] {
		return this.opening.all({ at: at.getTime(), limit }).map(decode);
	}

	listClosingBy(at: Date, limit: number): QuizPost[] {
		return this.closing.all(at.getTime(), limit).map(decode);
	}

	/**
	 * Store.claimQuizPost; call inside a write transaction (the check and the claim are one step).
	 * Without a lease (the journal-store import), a claim for good, as claims were before leases.
	 */
	claimScheduled(channelId: string, quizId: string, lease?: ClaimLease): QuizClaim {
		const ids = { channel_id: channelId, quiz_id: quizId };
		const row = this.claimState.get({ ...ids, at: lease?.at.getTime() ?? null });
		const claim: QuizClaim = row?.state === "waiting" ? "first" : row?.state === "claimed" && row.ended === 1 ? "takeover" : false;
		if (claim) this.claim.run({ ...ids, until: lease ? lease.at.getTime() + lease.ms : null });
		return claim;
	}

	markRevealed(channelId: string, quizId: string, at: Date): boolean {
		return Number(this.reveal.run(at.getTime(), channelId, quizId).changes) === 1;
	}
}
