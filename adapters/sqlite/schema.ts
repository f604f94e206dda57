/**
 * The database's schema, as numbered migrations: a database at `PRAGMA user_version` N gets every
 * migration above N, in order, in one transaction, at open. Never edit a released migration; add
 * the next number. Times are epoch milliseconds (INTEGER), booleans 0/1, lists and ts-fsrs cards
 * JSON (src/json-with-dates.ts).
 *
 * The indexes follow the queries:
 * - answers are clustered by (channel, time): a channel's answers over a period, the participation
 *   report's source, are one contiguous range of the table, read without lookups; `day_number`
 *   (days since 1970 of the channel-local day) groups them by week with arithmetic; for a whole
 *   workspace, answer_channels lists its channels and the report reads their ranges;
 * - answers_once makes "one answer per user per quiz" a constraint, and serves listQuizAnswers;
 * - partial indexes hold only the quiz posts still waiting to open or to be revealed, so the
 *   scheduler's every-minute questions read a handful of entries whatever the history;
 * - learners_due keeps each learner's earliest due card, so the reminder job reads an index of
 *   learners, not every card.
 */

export interface Migration {
	readonly version: number;
	readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		sql: `
			CREATE TABLE channels (
				channel_id TEXT PRIMARY KEY,
				course_id TEXT NOT NULL,
				next_episode INTEGER NOT NULL,
				schedule TEXT NOT NULL,
				time_zone TEXT NOT NULL,
				paused INTEGER NOT NULL,
				admins TEXT NOT NULL,
				last_drop_at INTEGER,
				schedule_from INTEGER NOT NULL
			) STRICT, WITHOUT ROWID;

			CREATE TABLE quiz_posts (
				channel_id TEXT NOT NULL,
				quiz_id TEXT NOT NULL,
				question_id TEXT NOT NULL,
				episode INTEGER NOT NULL,
				opens_at INTEGER NOT NULL,
				closes_at INTEGER NOT NULL,
				message_ref TEXT,
				revealed_at INTEGER,
				-- NULL: posted as saved; 'waiting': scheduled, not claimed yet; 'claimed': taken to post.
				schedule_state TEXT CHECK (schedule_state IN ('waiting', 'claimed')),
				PRIMARY KEY (channel_id, quiz_id)
			) STRICT, WITHOUT ROWID;
			CREATE INDEX quiz_posts_by_opening ON quiz_posts (channel_id, opens_at);
			CREATE INDEX quiz_posts_to_reveal ON quiz_posts (closes_at) WHERE revealed_at IS NULL;
			CREATE INDEX quiz_posts_waiting ON quiz_posts (opens_at) WHERE schedule_state = 'waiting';

			CREATE TABLE answers (
				channel_id TEXT NOT NULL,
				answered_at INTEGER NOT NULL,
				quiz_id TEXT NOT NULL,
				user_id TEXT NOT NULL,
				question_id TEXT NOT NULL,
				episode INTEGER NOT NULL,
				choice TEXT NOT NULL,
				correct INTEGER NOT NULL,
				day TEXT NOT NULL,
				day_number INTEGER NOT NULL,
				PRIMARY KEY (channel_id, answered_at, quiz_id, user_id)
			) STRICT, WITHOUT ROWID;
			CREATE UNIQUE INDEX answers_once ON answers (channel_id, quiz_id, user_id);
			CREATE INDEX answers_by_user ON answers (channel_id, user_id, answered_at);
			-- The channels with answers, per workspace: a workspace's answers over a period are the
			-- same contiguous range in each of its channels.
			CREATE TABLE answer_channels (
				workspace_id TEXT NOT NULL,
				channel_id TEXT NOT NULL,
				PRIMARY KEY (workspace_id, channel_id)
			) STRICT, WITHOUT ROWID;

			CREATE TABLE streaks (
				channel_id TEXT NOT NULL,
				user_id TEXT NOT NULL,
				current INTEGER NOT NULL,
				longest INTEGER NOT NULL,
				last_active_day TEXT NOT NULL,
				PRIMARY KEY (channel_id, user_id)
			) STRICT, WITHOUT ROWID;

			CREATE TABLE cards (
				user_id TEXT NOT NULL,
				question_id TEXT NOT NULL,
				due INTEGER NOT NULL,
				card TEXT NOT NULL,
				PRIMARY KEY (user_id, question_id)
			) STRICT, WITHOUT ROWID;
			CREATE INDEX cards_by_due ON cards (user_id, due);

			CREATE TABLE learners_due (
				user_id TEXT PRIMARY KEY,
				earliest_due INTEGER NOT NULL
			) STRICT, WITHOUT ROWID;
			CREATE INDEX learners_by_due ON learners_due (earliest_due);

			-- The run coordinator's leases: one row per scheduled fire, until its lease ends.
			CREATE TABLE run_claims (
				key TEXT PRIMARY KEY,
				until INTEGER NOT NULL
			) STRICT, WITHOUT ROWID;
			CREATE INDEX run_claims_by_end ON run_claims (until);

			-- Facts about the database itself, such as the journal-store folder it was imported from.
			CREATE TABLE meta (
				key TEXT PRIMARY KEY,
				value TEXT NOT NULL
			) STRICT, WITHOUT ROWID;
		`,
	},
	{
		// A card's personal reviews (/quiz me), which are no channel answers: LearnerCard.reviews.
		version: 2,
		sql: `
			ALTER TABLE cards ADD COLUMN reviews_answered INTEGER NOT NULL DEFAULT 0;
			ALTER TABLE cards ADD COLUMN reviews_right INTEGER NOT NULL DEFAULT 0;
		`,
	},
	{
		// Claims become leases (Store.claimQuizPost): a claimed post whose lease ended unsettled (no
		// message_ref, not revealed) is offered again. NULL: claimed before leases, for good.
		version: 3,
		sql: `
			ALTER TABLE quiz_posts ADD COLUMN lease_until INTEGER;
			CREATE INDEX quiz_posts_leased ON quiz_posts (lease_until)
				WHERE schedule_state = 'claimed' AND message_ref IS NULL AND revealed_at IS NULL;
		`,
	},
	{
		// Drops become leases too (ChannelSettings.pendingDrop): the last drop recorded for posting,
		// until its post is settled; all NULL when none. The scheduler reads every channel each tick
		// anyway, so no index.
		version: 4,
		sql: `
			ALTER TABLE channels ADD COLUMN pending_episode INTEGER;
			ALTER TABLE channels ADD COLUMN pending_dropped_at INTEGER;
			ALTER TABLE channels ADD COLUMN pending_due_at INTEGER;
			ALTER TABLE channels ADD COLUMN pending_lease_until INTEGER;
		`,
	},
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((latest, m) => Math.max(latest, m.version), 0);
