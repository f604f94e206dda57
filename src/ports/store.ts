/**
 * The Store port: what the bot remembers. It is shaped by what the bot does (channels following a
 * course, quizzes posted, answers, spaced-repetition cards, streaks, the participation report), not
 * a key-value wrapper. Implementations: Redis (adapters/redis, shared by replicas), the embedded
 * SQLite store (adapters/sqlite, the default) and an in-memory fake (test/fakes). One contract suite
 * (test/contract/store.contract.ts) holds them to the same behaviour.
 *
 * Ids are plain platform-neutral strings that only chat adapters decode: a channel is
 * "slack:T1:C1" or "discord:G1:C1", a user "slack:T1:U1". Everything before the last ":" is the
 * workspace (or guild); stores may use it to group keys. Every method may throw
 * StoreUnavailableError when the backing store cannot be reached; no other error is expected in
 * normal operation.
 */
import type { Card } from "ts-fsrs";

/** A half-open time range: `from <= t < to`. */
export interface TimeRange {
	readonly from: Date;
	readonly to: Date;
}

/** A channel that follows a course, with its schedule. */
export interface ChannelSettings {
	readonly channelId: string;
	readonly courseId: string;
	/** The episode the next drop posts, 1-based. */
	readonly nextEpisode: number;
	/** A cron expression (node-cron syntax) for episode drops, read in `timeZone`. */
	readonly schedule: string;
	/** An IANA time zone such as "Europe/Berlin". */
	readonly timeZone: string;
	readonly paused: boolean;
	/** User ids allowed to change these settings. */
	readonly admins: readonly string[];
	/** When the last episode drop was posted; null before the first. */
	readonly lastDropAt: Date | null;
	/**
	 * Drops are counted from the later of this and lastDropAt: set when the course starts, resumes
	 * or changes schedule, so that fires before it (while paused, under an old schedule) are not
	 * caught up.
	 */
	readonly scheduleFrom: Date;
	/**
	 * The last drop recorded for posting (RecordDropOptions.pending) while its post is not settled,
	 * else null. Set by recordDrop, cleared by settleDrop and undoDrop, and by saveChannel with null.
	 */
	readonly pendingDrop: PendingDrop | null;
}

/**
 * An episode drop recorded for posting whose post is not settled yet: the replica that recorded it
 * is posting it, or died doing so. Once `leaseUntil` has passed, one replica may take it over
 * (Store.claimDropTakeover).
 */
export interface PendingDrop {
	readonly episode: number;
	/** recordDrop's `at` (also the channel's lastDropAt then): the recall quizzes count from it. */
	readonly droppedAt: Date;
	/** The scheduled time the drop was due (the post says it is late past it); null for `/course next`. */
	readonly dueAt: Date | null;
	/** When the lease of the replica posting it ends. */
	readonly leaseUntil: Date;
}

/**
 * The settings an admin command may change; `nextEpisode`, `lastDropAt` and `pendingDrop` move by
 * recordDrop, undoDrop, settleDrop and claimDropTakeover.
 */
export type ChannelPatch = Partial<Pick<ChannelSettings, "courseId" | "schedule" | "timeZone" | "paused" | "admins" | "scheduleFrom">>;

export interface RecordDropOptions {
	/**
	 * Scheduled drops pass true: a channel paused since the scheduler read it is not dropped (false
	 * is returned). `/course next` and `/course skip` leave it out: an admin may act while paused.
	 */
	readonly onlyIfActive?: boolean;
	/**
	 * A drop that is posted passes this: the drop is recorded as the channel's pendingDrop, with a
	 * lease of `leaseMs` from `at`, until settleDrop (posted) or undoDrop (its post failed). Without
	 * it (`/course skip`, the course-complete message) pendingDrop is left as it is: a skip does not
	 * cancel the post of an earlier drop still pending.
	 */
	readonly pending?: { readonly leaseMs: number; readonly dueAt: Date | null };
}

/** A quiz question posted to a channel. */
export interface QuizPost {
	/** Unique within its channel. */
	readonly id: string;
	readonly channelId: string;
	readonly questionId: string;
	readonly episode: number;
	readonly opensAt: Date;
	readonly closesAt: Date;
	/** The chat adapter's reference to the posted message (opaque to the core); null before posting. */
	readonly messageRef: string | null;
	/** When the answer was revealed; null while still to reveal. Set by markQuizRevealed. */
	readonly revealedAt: Date | null;
}

export interface QuizPostAndChannel {
	readonly post: QuizPost | null;
	readonly channel: ChannelSettings | null;
}

/** One user's answer to one quiz post. */
export interface Answer {
	readonly channelId: string;
	readonly quizId: string;
	readonly userId: string;
	readonly questionId: string;
	readonly episode: number;
	/** The choice pressed, as the quiz defines it (e.g. "b"). */
	readonly choice: string;
	readonly correct: boolean;
	readonly answeredAt: Date;
	/**
	 * The calendar day of the answer ("YYYY-MM-DD") in the channel's time zone, computed by the
	 * caller with calendarDay(answeredAt, channel.timeZone). Streaks count these days, so a team in
	 * Tokyo answering at 08:00 local time gets the day it sees, not the UTC one.
	 */
	readonly day: string;
}

export type RecordAnswerResult =
	/** This call stored the answer and updated the streak. */
	| { readonly status: "recorded"; readonly answer: Answer }
	/** The user had already answered this quiz: nothing changed; `answer` is the first one. */
	| { readonly status: "already-answered"; readonly answer: Answer };

/** A learner's streak in one channel, counted in Answer.day days. */
export interface Streak {
	readonly channelId: string;
	readonly userId: string;
	/** Consecutive days with at least one answer, ending on lastActiveDay. */
	readonly current: number;
	readonly longest: number;
	/** "YYYY-MM-DD". A reader comparing it to today decides whether `current` still holds. */
	readonly lastActiveDay: string;
}

/** How often a learner answered a card in a personal review (`/quiz me`), and how often right. */
export interface ReviewTally {
	readonly answered: number;
	readonly right: number;
}

/** A learner's spaced-repetition state for one question (ts-fsrs Card, dates as Date). */
export interface LearnerCard {
	readonly userId: string;
	readonly questionId: string;
	readonly card: Card;
	/** Personal reviews of this card (channel quiz answers are Answers, not counted here); absent before the first. */
	readonly reviews?: ReviewTally;
}

/** What a participation report covers: one channel, or every channel of a workspace (guild). */
export type ParticipationScope = { readonly channelId: string } | { readonly workspaceId: string };

export interface WeekFigures {
	/** The Monday starting the week, "YYYY-MM-DD", in the channels' own calendar. */
	readonly week: string;
	readonly learners: number;
	readonly answers: number;
	readonly correct: number;
	/** Quiz posts with at least one answer. */
	readonly quizzesAnswered: number;
}

export interface LearnerFigures {
	readonly userId: string;
	readonly answers: number;
	readonly correct: number;
	readonly lastAnsweredAt: Date;
}

export interface QuestionFigures {
	readonly questionId: string;
	readonly episode: number;
	readonly answers: number;
	readonly correct: number;
}

export interface ParticipationFigures {
	/** Oldest week first; weeks without answers are absent. */
	readonly weeks: WeekFigures[];
	/** By user id. */
	readonly learners: LearnerFigures[];
	/** By question id. */
	readonly questions: QuestionFigures[];
}

/** A claim's lease: from `at` (the claimer's clock), for `ms`. */
export interface ClaimLease {
	readonly at: Date;
	readonly ms: number;
}

/** How a claim went: see Store.claimQuizPost. */
export type QuizClaim = "first" | "takeover" | false;

/** How long a replica holds a claimed item before another may take it over (it died posting). */
export const DEFAULT_CLAIM_LEASE_MS = 2 * 60_000;

export interface Store {
	/** The channel's settings, or null when the channel follows no course. */
	getChannel(channelId: string): Promise<ChannelSettings | null>;
	/** Every channel that follows a course, in no particular order (the scheduler registers each). */
	listChannels(): Promise<ChannelSettings[]>;
	/** Creates or replaces the channel's settings entirely. Idempotent. */
	saveChannel(settings: ChannelSettings): Promise<void>;
	/**
	 * Changes only the given fields, atomically with respect to other writers of other fields.
	 * Returns the settings after the change, or null (and changes nothing) for an unknown channel.
	 */
	updateChannel(channelId: string, patch: ChannelPatch): Promise<ChannelSettings | null>;
	/**
	 * Records that `episode` was dropped at `at`: when the channel's nextEpisode equals `episode`,
	 * sets it to episode + 1 and lastDropAt to `at` (and, with options.pending, pendingDrop to this
	 * drop, replacing any other) and returns true. Otherwise (already recorded by another replica,
	 * or an unknown channel) changes nothing and returns false. Atomic.
	 */
	recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean>;
	/**
	 * Takes back the drop of `episode` recorded at `droppedAt` (its post failed): when the channel's
	 * nextEpisode is still episode + 1 and lastDropAt still `droppedAt`, sets them back to `episode`
	 * and `previousDropAt`, clears pendingDrop when it is this drop, and returns true; otherwise (a
	 * skip, a restart or another drop since) changes nothing and returns false. Atomic, and it
	 * leaves every other setting as it is.
	 */
	undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Promise<boolean>;
	/**
	 * The post of the drop of `episode` recorded at `droppedAt` is settled (it is in the channel, or
	 * it was given up): clears pendingDrop when it is that drop and returns true; otherwise (another
	 * drop, a restart or an undo since, or an unknown channel) changes nothing and returns false.
	 * Atomic, and it leaves every other setting as it is.
	 */
	settleDrop(channelId: string, episode: number, droppedAt: Date): Promise<boolean>;
	/**
	 * Takes over the channel's pending drop of `episode` recorded at `droppedAt` whose lease ended
	 * by `lease.at` unsettled (its replica died between recordDrop and the post): true for exactly
	 * one caller across replicas, which now holds a new lease of `lease.ms` from `lease.at`
	 * (pendingDrop.leaseUntil) and should check the chat for the post before posting again; false
	 * while the lease runs, once settled or undone, when the pending drop is another one, and for an
	 * unknown channel. Atomic; it leaves every other setting as it is.
	 */
	claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Promise<boolean>;

	/**
	 * Creates or replaces a quiz post (e.g. again once the chat adapter returned its messageRef).
	 * A post with revealedAt null is due for reveal at closesAt (see listQuizPostsClosingBy).
	 */
	saveQuizPost(post: QuizPost): Promise<void>;
	/**
	 * Saves a post to be put in the channel later, at opensAt: like saveQuizPost, and also indexed
	 * for listQuizPostsOpeningBy until someone claims it. Scheduling a post that was already
	 * claimed saves it but does not index it again (so it is never posted twice). Idempotent.
	 */
	scheduleQuizPost(post: QuizPost): Promise<void>;
	/**
	 * Scheduled posts whose opensAt <= at that nobody has claimed yet, or whose claim's lease ended
	 * by `at` with the post unsettled, in any channel, earliest first (by opensAt, or by the lease's
	 * end for a claimed one), at most `limit`. Reads an index of scheduled posts; it does not scan
	 * channels.
	 */
	listQuizPostsOpeningBy(at: Date, limit: number): Promise<QuizPost[]>;
	/**
	 * Claims a scheduled post for posting, for a lease of `lease.ms` from `lease.at`: "first" for
	 * exactly one caller across replicas (the one that posts it); "takeover" for exactly one caller
	 * once a claim's lease ended (by `lease.at`) without the post being settled (its replica died
	 * between claim and post: the taker should check the chat for the post before posting again);
	 * false while a lease runs, once settled, and for a post never scheduled or that does not exist.
	 * Settled: saved with a messageRef, or revealed/retired (markQuizRevealed). A claimed post leaves
	 * the opening index until its lease ends unsettled. Atomic.
	 */
	claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim>;
	/** The post, or null when there is none with this id in the channel. */
	getQuizPost(channelId: string, quizId: string): Promise<QuizPost | null>;
	/**
	 * getQuizPost and getChannel at once, what every quiz answer reads first: one round trip where
	 * the store has round trips.
	 */
	getQuizPostAndChannel(channelId: string, quizId: string): Promise<QuizPostAndChannel>;
	/** The channel's posts with opensAt in `range`, oldest first (the report's denominator). */
	listQuizPosts(channelId: string, range: TimeRange): Promise<QuizPost[]>;
	/**
	 * Posts in any channel not yet revealed whose closesAt <= at, earliest closing first, at most
	 * `limit` of them. Reads an index of open posts; it does not scan channels.
	 */
	listQuizPostsClosingBy(at: Date, limit: number): Promise<QuizPost[]>;
	/**
	 * Marks the post revealed at `at`. Returns true for exactly one caller across replicas (the one
	 * that should post the reveal); false when it was already revealed or does not exist.
	 */
	markQuizRevealed(channelId: string, quizId: string, at: Date): Promise<boolean>;

	/**
	 * Records the user's answer to a quiz, once: the first call stores it, indexes it by channel,
	 * user and time, and updates the user's streak, all atomically; any later call for the same
	 * (channelId, quizId, userId) changes nothing and returns "already-answered" with the first
	 * answer. Safe under concurrent calls from several replicas. Throws StoreUnavailableError
	 * (whose message asks the user to press again) when nothing could be recorded or the outcome is
	 * unknown; pressing again is then safe.
	 */
	recordAnswer(answer: Answer): Promise<RecordAnswerResult>;
	/** The answers to one quiz post, oldest answeredAt first (the reveal's tally). */
	listQuizAnswers(channelId: string, quizId: string): Promise<Answer[]>;
	/**
	 * How many learners answered the quiz post: the count on the open post, refreshed after each
	 * answer, so it reads a counter or an index size and never the answers themselves.
	 */
	countQuizAnswers(channelId: string, quizId: string): Promise<number>;
	/**
	 * The channel's answers with answeredAt in `range`, oldest first; with `userId`, that user's
	 * only. Reads time-ordered indexes per channel and per user; it does not scan other data.
	 */
	listAnswers(query: { readonly channelId: string; readonly range: TimeRange; readonly userId?: string }): Promise<Answer[]>;

	/**
	 * The participation report's aggregates over the answers with answeredAt in `range`, of one
	 * channel or of every channel of a workspace (the id before a channel id's last ":"): per week
	 * (Monday to Sunday of Answer.day), per learner (by user id) and per question (by question id).
	 * Its cost follows the answers in the range, not the whole history.
	 */
	participation(scope: ParticipationScope, range: TimeRange): Promise<ParticipationFigures>;

	/** The user's streak in the channel, or null before their first answer there. */
	getStreak(channelId: string, userId: string): Promise<Streak | null>;
	/** All streaks in the channel, in no particular order (the report's streak column). */
	listStreaks(channelId: string): Promise<Streak[]>;

	/** The user's card for the question, or null when they never reviewed it. */
	getCard(userId: string, questionId: string): Promise<LearnerCard | null>;
	/** Creates or replaces the card (last writer wins; one user reviews one card at a time). */
	saveCard(card: LearnerCard): Promise<void>;
	/**
	 * Saves the card only when the user has none for its question, and then returns null; else
	 * changes nothing and returns the card they have. Grading a question met for the first time
	 * (most channel quiz answers) thus needs no read before the write.
	 */
	addCard(card: LearnerCard): Promise<LearnerCard | null>;
	/** The user's cards with card.due <= at, earliest due first, at most `limit`. */
	listDueCards(userId: string, at: Date, limit: number): Promise<LearnerCard[]>;
	/**
	 * Users with at least one card due at or before `at`, earliest due first, at most `limit`
	 * (the review-reminder job). Reads an index; it does not scan every learner.
	 */
	listLearnersWithDueCards(at: Date, limit: number): Promise<string[]>;

	/** Releases connections, locks and files. Idempotent; the store is unusable afterwards. */
	close(): Promise<void>;
}

type Operation = "recordAnswer" | "read" | "write";

/**
 * The store is away (Redis down, timed out, a disk write failed). `message` is safe to show to the
 * user; `cause` has the details for logs. Retrying later is the remedy.
 */
export class StoreUnavailableError extends Error {
	readonly code = "store-unavailable";

	constructor(operation: Operation, options?: { readonly cause?: unknown }) {
		super(
			operation === "recordAnswer"
				? "I could not record your answer, please press again."
				: "I could not reach my storage just now, please try again in a moment.",
			options,
		);
		this.name = "StoreUnavailableError";
	}
}

/** Another live process holds the store's data folder. `message` names the folder and the pid. */
export class StoreLockedError extends Error {
	readonly code = "store-locked";

	constructor(message: string) {
		super(message);
		this.name = "StoreLockedError";
	}
}

/** The calendar day ("YYYY-MM-DD") of `at` in an IANA time zone, for Answer.day. */
// Building a formatter costs about 70 µs, formatting with one a few µs: keep one per zone (there
// are a few hundred zones at most, so the map stays small), with the last day it gave and that
// day's minute, since every answer in a busy channel asks for the same day again.
const dayFormats = new Map<string, { readonly format: Intl.DateTimeFormat; minute: number; day: string }>();
// Since then every zone's offset is whole minutes (Liberia's -0:44:30 ended in 1972), so a day
// never turns within a minute; older dates are formatted each time.
const WHOLE_MINUTE_OFFSETS = Date.UTC(1980, 0, 1);

export function calendarDay(at: Date, timeZone: string): string {
	let zone = dayFormats.get(timeZone);
	if (zone === undefined) {
		// en-CA formats dates as YYYY-MM-DD.
		const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
		zone = { format, minute: Number.NaN, day: "" };
		dayFormats.set(timeZone, zone);
	}
	const ms = at.getTime();
	if (!(ms >= WHOLE_MINUTE_OFFSETS)) return zone.format.format(at);
	const minute = Math.floor(ms / 60_000);
	if (minute !== zone.minute) {
		zone.day = zone.format.format(at);
		zone.minute = minute;
	}
	return zone.day;
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" day, so that stores compare days by arithmetic. */
export function dayNumber(day: string): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`);
	return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}
