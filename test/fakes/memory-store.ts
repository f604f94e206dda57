/**
 * An in-memory Store for core tests (memory-state.ts holds the data). It runs the store contract
 * suite like the real stores. `unavailable` makes every call fail as if the store were away, for
 * error-path tests.
 */

import type { JournalSnapshot } from "../../adapters/sqlite/journal-import/journal-records.ts";
import { ParticipationCounter } from "../../src/participation/aggregate.ts";
import type {
	Answer,
	ChannelPatch,
	ChannelSettings,
	ClaimLease,
	LearnerCard,
	ParticipationFigures,
	ParticipationScope,
	QuizClaim,
	QuizPost,
	QuizPostAndChannel,
	RecordAnswerResult,
	RecordDropOptions,
	Store,
	Streak,
	TimeRange,
} from "../../src/ports/store.ts";
import { StoreUnavailableError } from "../../src/ports/store.ts";
import { MemoryState } from "./memory-state.ts";

export class MemoryStore implements Store {
	/** Set to true to make every call reject with StoreUnavailableError. */
	unavailable = false;
	private readonly state = new MemoryState();

	private check(operation: "recordAnswer" | "read" | "write"): void {
		if (this.unavailable) throw new StoreUnavailableError(operation);
	}

	async getChannel(channelId: string): Promise<ChannelSettings | null> {
		this.check("read");
		return this.state.getChannel(channelId);
	}

	async listChannels(): Promise<ChannelSettings[]> {
		this.check("read");
		return this.state.listChannels();
	}

	async saveChannel(settings: ChannelSettings): Promise<void> {
		this.check("write");
		this.state.saveChannel(settings);
	}

	async updateChannel(channelId: string, patch: ChannelPatch): Promise<ChannelSettings | null> {
		this.check("write");
		return this.state.updateChannel(channelId, patch).result;
	}

	async recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		this.check("write");
		return this.state.recordDrop(channelId, episode, at, options).result;
	}

	async undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Promise<boolean> {
		this.check("write");
		return this.state.undoDrop(channelId, episode, droppedAt, previousDropAt).result;
	}

	async settleDrop(channelId: string, episode: number, droppedAt: Date): Promise<boolean> {
		this.check("write");
		return this.state.settleDrop(channelId, episode, droppedAt).result;
	}

	async claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Promise<boolean> {
		this.check("write");
		return this.state.claimDropTakeover(channelId, episode, droppedAt, lease).result;
	}

	async saveQuizPost(post: QuizPost): Promise<void> {
		this.check("write");
		this.state.saveQuizPost(post);
	}

	async scheduleQuizPost(post: QuizPost): Promise<void> {
		this.check("write");
		this.state.scheduleQuizPost(post);
	}

	async listQuizPostsOpeningBy(at: Date, limit: number): Promise<QuizPost[]> {
		this.check("read");
		return this.state.listQuizPostsOpeningBy(at, limit);
	}

	async claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim> {
		this.check("write");
		return this.state.claimQuizPost(channelId, quizId, lease).result;
	}

	async getQuizPost(channelId: string, quizId: string): Promise<QuizPost | null> {
		this.check("read");
		return this.state.getQuizPost(channelId, quizId);
	}

	async getQuizPostAndChannel(channelId: string, quizId: string): Promise<QuizPostAndChannel> {
		this.check("read");
		return { post: this.state.getQuizPost(channelId, quizId), channel: this.state.getChannel(channelId) };
	}

	async listQuizPosts(channelId: string, range: TimeRange): Promise<QuizPost[]> {
		this.check("read");
		return this.state.listQuizPosts(channelId, range);
	}

	async listQuizPostsClosingBy(at: Date, limit: number): Promise<QuizPost[]> {
		this.check("read");
		return this.state.listQuizPostsClosingBy(at, limit);
	}

	async markQuizRevealed(channelId: string, quizId: string, at: Date): Promise<boolean> {
		this.check("write");
		return this.state.markQuizRevealed(channelId, quizId, at).result;
	}

	async recordAnswer(answer: Answer): Promise<RecordAnswerResult> {
		this.check("recordAnswer");
		return this.state.recordAnswer(answer).result;
	}

	async listQuizAnswers(channelId: string, quizId: string): Promise<Answer[]> {
		this.check("read");
		return this.state.listQuizAnswers(channelId, quizId);
	}

	async countQuizAnswers(channelId: string, quizId: string): Promise<number> {
		this.check("read");
		return this.state.countQuizAnswers(channelId, quizId);
	}

	async listAnswers(query: { readonly channelId: string; readonly range: TimeRange; readonly userId?: string }): Promise<Answer[]> {
		this.check("read");
		return this.state.listAnswers(query.channelId, query.range, query.userId);
	}

	async participation(scope: ParticipationScope, range: TimeRange): Promise<ParticipationFigures> {
		this.check("read");
		const counter = new ParticipationCounter();
		for (const channelId of this.state.answerChannels(scope)) {
			for (const answer of this.state.listAnswers(channelId, range)) counter.add({ ...answer, answeredAt: answer.answeredAt.getTime() });
		}
		return counter.figures();
	}

	async getStreak(channelId: string, userId: string): Promise<Streak | null> {
		this.check("read");
		return this.state.getStreak(channelId, userId);
	}

	async listStreaks(channelId: string): Promise<Streak[]> {
		this.check("read");
		return this.state.listStreaks(channelId);
	}

	async getCard(userId: string, questionId: string): Promise<LearnerCard | null> {
		this.check("read");
		return this.state.getCard(userId, questionId);
	}

	async saveCard(card: LearnerCard): Promise<void> {
		this.check("write");
		this.state.saveCard(card);
	}

	async addCard(card: LearnerCard): Promise<LearnerCard | null> {
		this.check("write");
		return this.state.addCard(card).result;
	}

	async listDueCards(userId: string, at: Date, limit: number): Promise<LearnerCard[]> {
		this.check("read");
		return this.state.listDueCards(userId, at, limit);
	}

	async listLearnersWithDueCards(at: Date, limit: number): Promise<string[]> {
		this.check("read");
		return this.state.listLearnersWithDueCards(at, limit);
	}

	/** Everything, in the journal store's snapshot shape (the import tests write folders from it). */
	snapshot(): JournalSnapshot {
		return this.state.snapshot();
	}

	async close(): Promise<void> {}
}
