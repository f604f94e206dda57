/**
 * The embedded store, the default when no Redis is configured: a SQLite database in the data
 * folder (node:sqlite, nothing to install). Memory stays bounded (SQLite's page cache), and opening
 * reads the schema, not the data.
 *
 * Several processes may use one folder at once, safely: every write is a transaction that holds
 * SQLite's write lock (BEGIN IMMEDIATE), so the atomic claims (a drop, a quiz opening, a reveal,
 * one answer per user per quiz) cannot interleave with another process's; the run coordinator
 * (sqlite-run-coordinator.ts) keeps each scheduled fire to one of them. That needs one machine and
 * a local disk (SQLite's locks and shared memory); replicas on several machines use Redis.
 */
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
import { AnswersTable } from "./answers-table.ts";
import { CardsTable } from "./cards-table.ts";
import { ChannelsTable } from "./channels-table.ts";
import type { SqliteConnection } from "./connection.ts";
import { ParticipationQuery } from "./participation-query.ts";
import { QuizPostsTable } from "./quiz-posts-table.ts";

/** The tables' synchronous operations, for code that runs its own transaction (the import). */
export class SqliteTables {
	readonly channels: ChannelsTable;
	readonly quizPosts: QuizPostsTable;
	readonly answers: AnswersTable;
	readonly cards: CardsTable;

	constructor(connection: SqliteConnection) {
		this.channels = new ChannelsTable(connection.db);
		this.quizPosts = new QuizPostsTable(connection.db);
		this.answers = new AnswersTable(connection.db);
		this.cards = new CardsTable(connection.db);
	}
}

export class SqliteStore implements Store {
	readonly connection: SqliteConnection;
	private readonly tables: SqliteTables;
	private readonly participationQuery: ParticipationQuery;

	constructor(connection: SqliteConnection) {
		this.connection = connection;
		this.tables = new SqliteTables(connection);
		this.participationQuery = new ParticipationQuery(connection.db);
	}

	/** The database file. */
	get file(): string {
		return this.connection.file;
	}

	async getChannel(channelId: string): Promise<ChannelSettings | null> {
		return this.connection.read(() => this.tables.channels.get(channelId));
	}

	async listChannels(): Promise<ChannelSettings[]> {
		return this.connection.read(() => this.tables.channels.list());
	}

	saveChannel(settings: ChannelSettings): Promise<void> {
		return this.connection.write("write", () => this.tables.channels.save(settings));
	}

	updateChannel(channelId: string, patch: ChannelPatch): Promise<ChannelSettings | null> {
		return this.connection.write("write", () => this.tables.channels.update(channelId, patch));
	}

	recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		return this.connection.write("write", () => this.tables.channels.recordDrop(channelId, episode, at, options));
	}

	undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Promise<boolean> {
		return this.connection.write("write", () => this.tables.channels.undoDrop(channelId, episode, droppedAt, previousDropAt));
	}

	settleDrop(channelId: string, episode: number, droppedAt: Date): Promise<boolean> {
		return this.connection.write("write", () => this.tables.channels.settleDrop(channelId, episode, droppedAt));
	}

	claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Promise<boolean> {
		return this.connection.write("write", () => this.tables.channels.claimDropTakeover(channelId, episode, droppedAt, lease));
	}

	saveQuizPost(post: QuizPost): Promise<void> {
		return this.connection.write("write", () => this.tables.quizPosts.save(post));
	}

	scheduleQuizPost(post: QuizPost): Promise<void> {
		return this.connection.write("write", () => this.tables.quizPosts.schedule(post));
	}

	async listQuizPostsOpeningBy(at: Date, limit: number): Promise<QuizPost[]> {
		return this.connection.read(() => this.tables.quizPosts.listOpeningBy(at, limit));
	}

	claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim> {
		return this.connection.write("write", () => this.tables.quizPosts.claimScheduled(channelId, quizId, lease));
	}

	async getQuizPost(channelId: string, quizId: string): Promise<QuizPost | null> {
		return this.connection.read(() => this.tables.quizPosts.get(channelId, quizId));
	}

	async getQuizPostAndChannel(channelId: string, quizId: string): Promise<QuizPostAndChannel> {
		return this.connection.read(() => ({
			post: this.tables.quizPosts.get(channelId, quizId),
			channel: this.tables.channels.get(channelId),
		}));
	}

	async listQuizPosts(channelId: string, range: TimeRange): Promise<QuizPost[]> {
		return this.connection.read(() => this.tables.quizPosts.list(channelId, range));
	}

	async listQuizPostsClosingBy(at: Date, limit: number): Promise<QuizPost[]> {
		return this.connection.read(() => this.tables.quizPosts.listClosingBy(at, limit));
	}

	markQuizRevealed(channelId: string, quizId: string, at: Date): Promise<boolean> {
		return this.connection.write("write", () => this.tables.quizPosts.markRevealed(channelId, quizId, at));
	}

	recordAnswer(answer: Answer): Promise<RecordAnswerResult> {
		return this.connection.write("recordAnswer", () => this.tables.answers.record(answer));
	}

	async listQuizAnswers(channelId: string, quizId: string): Promise<Answer[]> {
		return this.connection.read(() => this.tables.answers.listOfQuiz(channelId, quizId));
	}

	async countQuizAnswers(channelId: string, quizId: string): Promise<number> {
		return this.connection.read(() => this.tables.answers.countOfQuiz(channelId, quizId));
	}

	async listAnswers(query: { readonly channelId: string; readonly range: TimeRange; readonly userId?: string }): Promise<Answer[]> {
		return this.connection.read(() => this.tables.answers.list(query.channelId, query.range, query.userId));
	}

	async getStreak(channelId: string, userId: string): Promise<Streak | null> {
		return this.connection.read(() => this.tables.answers.getStreak(channelId, userId));
	}

	async listStreaks(channelId: string): Promise<Streak[]> {
		return this.connection.read(() => this.tables.answers.listStreaks(channelId));
	}

	async getCard(userId: string, questionId: string): Promise<LearnerCard | null> {
		return this.connection.read(() => this.tables.cards.get(userId, questionId));
	}

	saveCard(card: LearnerCard): Promise<void> {
		return this.connection.write("write", () => this.tables.cards.save(card));
	}

	async addCard(card: LearnerCard): Promise<LearnerCard | null> {
		// A read costs nothing here, a write waits for the next commit: a learner who has the card
		// already is answered without one (the write checks again, for a card added meanwhile).
		const saved = this.connection.read(() => this.tables.cards.get(card.userId, card.questionId));
		if (saved) return saved;
		return this.connection.write("write", () => this.tables.cards.add(card));
	}

	async listDueCards(userId: string, at: Date, limit: number): Promise<LearnerCard[]> {
		return this.connection.read(() => this.tables.cards.listDue(userId, at, limit));
	}

	async listLearnersWithDueCards(at: Date, limit: number): Promise<string[]> {
		return this.connection.read(() => this.tables.cards.listLearnersDue(at, limit));
	}

	/**
	 * The participation report's figures for a channel or a workspace over `range` (see
	 * participation-query.ts).
	 */
	async participation(scope: ParticipationScope, range: TimeRange): Promise<ParticipationFigures> {
		return this.connection.read(() => this.participationQuery.run(scope, range));
	}

	/** Commits pending writes and closes the file. Idempotent. */
	async close(): Promise<void> {
		this.connection.close();
	}
}
