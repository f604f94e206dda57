/**
 * The embedded store, the default when no Redis is configured: one process, data in a folder.
 * Data lives in memory (StoreState) and every change is appended to a journal and fsynced before
 * the call resolves (see journal.ts); opening replays snapshot and journal. The folder is locked
 * to one process (lock.ts).
 *
 * If a disk write fails, the change is already in memory but not on disk; the store then refuses
 * every further call with StoreUnavailableError until it is reopened, so it never acknowledges
 * anything built on data the disk does not hold.
 */
import { mkdir } from "node:fs/promises";
import type {
	Answer,
	ChannelPatch,
	ChannelSettings,
	LearnerCard,
	QuizPost,
	RecordAnswerResult,
	RecordDropOptions,
	Store,
	Streak,
	TimeRange,
} from "../../src/ports/store.ts";
import { StoreUnavailableError } from "../../src/ports/store.ts";
import { Journal, loadJournal } from "./journal.ts";
import { lockFolder } from "./lock.ts";
import type { Change, StoreOp, StoreSnapshot } from "./store-ops.ts";
import { StoreState } from "./store-state.ts";

export interface FileStoreConfig {
	/** The data folder; created when missing. */
	readonly dir: string;
	/** Fold the journal into the snapshot after this many changes (default 10,000). */
	readonly compactEvery?: number;
}

type Operation = "recordAnswer" | "read" | "write";

/** Opens (or creates) the store in `config.dir`. Throws StoreLockedError when another process has it. */
export async function openFileStore(config: FileStoreConfig): Promise<FileStore> {
	await mkdir(config.dir, { recursive: true });
	const unlock = await lockFolder(config.dir);
	try {
		const loaded = await loadJournal(config.dir);
		const state = new StoreState();
		if (loaded.snapshot) state.restore(loaded.snapshot as StoreSnapshot);
		for (const op of loaded.ops) state.apply(op as StoreOp);
		// Start from a fresh snapshot: it also drops a torn last journal line.
		const journal = await Journal.start(config.dir, loaded.seq, state.snapshot());
		return new FileStore(state, journal, unlock, config.compactEvery ?? 10_000);
	} catch (error) {
		await unlock();
		throw error;
	}
}

export class FileStore implements Store {
	private readonly state: StoreState;
	private readonly journal: Journal;
	private readonly unlock: () => Promise<void>;
	private readonly compactEvery: number;
	private changes = 0;
	private failure: unknown = null;
	private closed = false;

	constructor(state: StoreState, journal: Journal, unlock: () => Promise<void>, compactEvery: number) {
		this.state = state;
		this.journal = journal;
		this.unlock = unlock;
		this.compactEvery = compactEvery;
	}

	private usable(operation: Operation): void {
		if (this.closed) throw new Error("The file store is closed");
		if (this.failure) throw new StoreUnavailableError(operation, { cause: this.failure });
	}

	/** Call with a change just made to the state, in the same tick, so journal order = state order. */
	private async commit<T>(change: Change<T>, op: StoreOp, operation: Operation): Promise<T> {
		if (!change.changed) return change.result;
		const written = this.journal.append(op);
		this.changes += 1;
		if (this.changes % this.compactEvery === 0) this.journal.requestCompaction(() => this.state.snapshot());
		try {
			await written;
		} catch (error) {
			this.failure = error;
			throw new StoreUnavailableError(operation, { cause: error });
		}
		return change.result;
	}

	async getChannel(channelId: string): Promise<ChannelSettings | null> {
		this.usable("read");
		return this.state.getChannel(channelId);
	}

	async listChannels(): Promise<ChannelSettings[]> {
		this.usable("read");
		return this.state.listChannels();
	}

	async saveChannel(settings: ChannelSettings): Promise<void> {
		this.usable("write");
		return this.commit(this.state.saveChannel(settings), { op: "saveChannel", settings }, "write");
	}

	async updateChannel(channelId: string, patch: ChannelPatch): Promise<ChannelSettings | null> {
		this.usable("write");
		return this.commit(this.state.updateChannel(channelId, patch), { op: "updateChannel", channelId, patch }, "write");
	}

	async recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		this.usable("write");
		// The journal replays the drop as it happened, without re-checking `paused`.
		return this.commit(this.state.recordDrop(channelId, episode, at, options), { op: "recordDrop", channelId, episode, at }, "write");
	}

	async undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Promise<boolean> {
		this.usable("write");
		return this.commit(
			this.state.undoDrop(channelId, episode, droppedAt, previousDropAt),
			{ op: "undoDrop", channelId, episode, droppedAt, previousDropAt },
			"write",
		);
	}

	async saveQuizPost(post: QuizPost): Promise<void> {
		this.usable("write");
		return this.commit(this.state.saveQuizPost(post), { op: "saveQuizPost", post }, "write");
	}

	async scheduleQuizPost(post: QuizPost): Promise<void> {
		this.usable("write");
		return this.commit(this.state.scheduleQuizPost(post), { op: "scheduleQuizPost", post }, "write");
	}

	async listQuizPostsOpeningBy(at: Date, limit: number): Promise<QuizPost[]> {
		this.usable("read");
		return this.state.listQuizPostsOpeningBy(at, limit);
	}

	async claimQuizPost(channelId: string, quizId: string): Promise<boolean> {
		this.usable("write");
		return this.commit(this.state.claimQuizPost(channelId, quizId), { op: "claimQuizPost", channelId, quizId }, "write");
	}

	async getQuizPost(channelId: string, quizId: string): Promise<QuizPost | null> {
		this.usable("read");
		return this.state.getQuizPost(channelId, quizId);
	}

	async listQuizPosts(channelId: string, range: TimeRange): Promise<QuizPost[]> {
		this.usable("read");
		return this.state.listQuizPosts(channelId, range);
	}

	async listQuizPostsClosingBy(at: Date, limit: number): Promise<QuizPost[]> {
		this.usable("read");
		return this.state.listQuizPostsClosingBy(at, limit);
	}

	async markQuizRevealed(channelId: string, quizId: string, at: Date): Promise<boolean> {
		this.usable("write");
		const change = this.state.markQuizRevealed(channelId, quizId, at);
		return this.commit(change, { op: "markQuizRevealed", channelId, quizId, at }, "write");
	}

	async recordAnswer(answer: Answer): Promise<RecordAnswerResult> {
		this.usable("recordAnswer");
		return this.commit(this.state.recordAnswer(answer), { op: "recordAnswer", answer }, "recordAnswer");
	}

	async listQuizAnswers(channelId: string, quizId: string): Promise<Answer[]> {
		this.usable("read");
		return this.state.listQuizAnswers(channelId, quizId);
	}

	async listAnswers(query: { readonly channelId: string; readonly range: TimeRange; readonly userId?: string }): Promise<Answer[]> {
		this.usable("read");
		return this.state.listAnswers(query.channelId, query.range, query.userId);
	}

	async getStreak(channelId: string, userId: string): Promise<Streak | null> {
		this.usable("read");
		return this.state.getStreak(channelId, userId);
	}

	async listStreaks(channelId: string): Promise<Streak[]> {
		this.usable("read");
		return this.state.listStreaks(channelId);
	}

	async getCard(userId: string, questionId: string): Promise<LearnerCard | null> {
		this.usable("read");
		return this.state.getCard(userId, questionId);
	}

	async saveCard(card: LearnerCard): Promise<void> {
		this.usable("write");
		return this.commit(this.state.saveCard(card), { op: "saveCard", card }, "write");
	}

	async listDueCards(userId: string, at: Date, limit: number): Promise<LearnerCard[]> {
		this.usable("read");
		return this.state.listDueCards(userId, at, limit);
	}

	async listLearnersWithDueCards(at: Date, limit: number): Promise<string[]> {
		this.usable("read");
		return this.state.listLearnersWithDueCards(at, limit);
	}

	/** Waits for pending writes, folds the journal into the snapshot and releases the folder. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		try {
			if (!this.failure) this.journal.requestCompaction(() => this.state.snapshot());
			await this.journal.close();
		} finally {
			await this.unlock();
		}
	}
}
