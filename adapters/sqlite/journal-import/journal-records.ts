/**
 * What the journal store (the embedded store before SQLite, removed) wrote in its data folder:
 * `snapshot.json`, {seq, data: JournalSnapshot}, and `journal.jsonl`, one {seq, op: JournalOp} a
 * line for each change after the snapshot. Dates are JSON with dates (src/json-with-dates.ts).
 * Only the import reads these now.
 */
import type { Answer, ChannelPatch, ChannelSettings, LearnerCard, QuizPost, Streak } from "../../../src/ports/store.ts";

export const SNAPSHOT_FILE = "snapshot.json";
export const JOURNAL_FILE = "journal.jsonl";
/** The journal store's lock: the pid of the process that had the folder. */
export const LOCK_FILE = "lock";

/** A change, replayed with the same rules the Store port states (a drop is not re-checked for pause). */
export type JournalOp =
	| { readonly op: "saveChannel"; readonly settings: ChannelSettings }
	| { readonly op: "updateChannel"; readonly channelId: string; readonly patch: ChannelPatch }
	| { readonly op: "recordDrop"; readonly channelId: string; readonly episode: number; readonly at: Date }
	| {
			readonly op: "undoDrop";
			readonly channelId: string;
			readonly episode: number;
			readonly droppedAt: Date;
			readonly previousDropAt: Date | null;
	  }
	| { readonly op: "saveQuizPost"; readonly post: QuizPost }
	| { readonly op: "scheduleQuizPost"; readonly post: QuizPost }
	| { readonly op: "claimQuizPost"; readonly channelId: string; readonly quizId: string }
	| { readonly op: "markQuizRevealed"; readonly channelId: string; readonly quizId: string; readonly at: Date }
	| { readonly op: "recordAnswer"; readonly answer: Answer }
	| { readonly op: "saveCard"; readonly card: LearnerCard };

/** Everything as of the snapshot's seq; streaks as they were, not to be recomputed. */
export interface JournalSnapshot {
	readonly channels: ChannelSettings[];
	readonly quizPosts: QuizPost[];
	/** Keys [channel, quiz] of scheduled posts not claimed yet; absent in the oldest snapshots. */
	readonly opening?: [string, string][];
	/** Keys of claimed posts; absent in the oldest snapshots. */
	readonly claimed?: [string, string][];
	readonly answers: Answer[];
	readonly streaks: Streak[];
	readonly cards: LearnerCard[];
}
