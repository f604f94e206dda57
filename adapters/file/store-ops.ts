/** The shapes the file store writes: journal ops, snapshots, and what a change did. */
import type { Answer, ChannelPatch, ChannelSettings, LearnerCard, QuizPost, Streak } from "../../src/ports/store.ts";

/** A change to the data; the file store's journal holds these, one a line. */
export type StoreOp =
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

/** Everything, in a form JSON can hold (with the date codec); answers in the order recorded. */
export interface StoreSnapshot {
	readonly channels: ChannelSettings[];
	readonly quizPosts: QuizPost[];
	/** Keys (channel, quiz) of scheduled posts not claimed yet; absent in snapshots older than it. */
	readonly opening?: [string, string][];
	/** Keys of claimed posts. */
	readonly claimed?: [string, string][];
	readonly answers: Answer[];
	readonly streaks: Streak[];
	readonly cards: LearnerCard[];
}

/** What a change did: `changed` false means it was a no-op and need not be logged. */
export interface Change<T> {
	readonly changed: boolean;
	readonly result: T;
}
