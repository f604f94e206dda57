/**
 * The in-memory fake's data (test/fakes/memory-store.ts). Every method is synchronous, so that a
 * check and its write cannot interleave with another call. `snapshot()` gives it in the journal
 * store's snapshot shape, from which the import tests write journal-store folders.
 */

import type { JournalSnapshot } from "../../adapters/sqlite/journal-import/journal-records.ts";
import type {
	Answer,
	ChannelPatch,
	ChannelSettings,
	ClaimLease,
	LearnerCard,
	ParticipationScope,
	PendingDrop,
	QuizClaim,
	QuizPost,
	RecordAnswerResult,
	RecordDropOptions,
	Streak,
	TimeRange,
} from "../../src/ports/store.ts";
import { nextStreak } from "../../src/ports/streak-rule.ts";

/** What a change did: `changed` false means it changed nothing. */
export interface Change<T> {
	readonly changed: boolean;
	readonly result: T;
}

const quizKey = (channelId: string, quizId: string) => `${channelId}\n${quizId}`;

function splitQuizKey(key: string): [string, string] {
	const cut = key.indexOf("\n");
	return [key.slice(0, cut), key.slice(cut + 1)];
}

export class MemoryState {
	private readonly channels = new Map<string, ChannelSettings>();
	private readonly quizPosts = new Map<string, QuizPost>();
	/** Scheduled posts not claimed yet (the opening index), by quiz key. */
	private readonly opening = new Set<string>();
	/** Claimed scheduled posts: when each claim's lease ends (ms). */
	private readonly claimed = new Map<string, number>();
	/** Per quiz, per user: the one answer. */
	private readonly answers = new Map<string, Map<string, Answer>>();
	/** Per channel, answers ordered by answeredAt (the participation index). */
	private readonly answersByChannel = new Map<string, Answer[]>();
	private readonly streaks = new Map<string, Map<string, Streak>>();
	private readonly cards = new Map<string, Map<string, LearnerCard>>();

	saveChannel(settings: ChannelSettings): Change<void> {
		this.channels.set(settings.channelId, settings);
		return { changed: true, result: undefined };
	}

	updateChannel(channelId: string, patch: ChannelPatch): Change<ChannelSettings | null> {
		const current = this.channels.get(channelId);
		if (!current) return { changed: false, result: null };
		const next: ChannelSettings = { ...current, ...patch };
		this.channels.set(channelId, next);
		return { changed: true, result: next };
	}

	recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Change<boolean> {
		const current = this.channels.get(channelId);
		if (!current || current.nextEpisode !== episode || (options?.onlyIfActive && current.paused)) return { changed: false, result: false };
		const pending = options?.pending;
		const pendingDrop = pending
			? { episode, droppedAt: at, dueAt: pending.dueAt, leaseUntil: new Date(at.getTime() + pending.leaseMs) }
			: current.pendingDrop;
		this.channels.set(channelId, { ...current, nextEpisode: episode + 1, lastDropAt: at, pendingDrop });
		return { changed: true, result: true };
	}

	undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Change<boolean> {
		const current = this.channels.get(channelId);
		if (!current || current.nextEpisode !== episode + 1 || current.lastDropAt?.getTime() !== droppedAt.getTime()) {
			return { changed: false, result: false };
		}
		const pendingDrop = isDrop(current.pendingDrop, episode, droppedAt) ? null : current.pendingDrop;
		this.channels.set(channelId, { ...current, nextEpisode: episode, lastDropAt: previousDropAt, pendingDrop });
		return { changed: true, result: true };
	}

	settleDrop(channelId: string, episode: number, droppedAt: Date): Change<boolean> {
		const current = this.channels.get(channelId);
		if (!current || !isDrop(current.pendingDrop, episode, droppedAt)) return { changed: false, result: false };
		this.channels.set(channelId, { ...current, pendingDrop: null });
		return { changed: true, result: true };
	}

	claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Change<boolean> {
		const current = this.channels.get(channelId);
		const pending = current?.pendingDrop;
		if (!current || !pending || !isDrop(pending, episode, droppedAt) || pending.leaseUntil.getTime() > lease.at.getTime()) {
			return { changed: false, result: false };
		}
		const leaseUntil = new Date(lease.at.getTime() + lease.ms);
		this.channels.set(channelId, { ...current, pendingDrop: { ...pending, leaseUntil } });
		return { changed: true, result: true };
	}

	saveQuizPost(post: QuizPost): Change<void> {
		this.quizPosts.set(quizKey(post.channelId, post.id), post);
		return { changed: true, result: undefined };
	}

	scheduleQuizPost(post: QuizPost): Change<void> {
		const key = quizKey(post.channelId, post.id);
		this.quizPosts.set(key, post);
		if (!this.claimed.has(key)) this.opening.add(key);
		return { changed: true, result: undefined };
	}

	claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Change<QuizClaim> {
		const key = quizKey(channelId, quizId);
		const until = lease.at.getTime() + lease.ms;
		if (this.opening.has(key)) {
			this.opening.delete(key);
			this.claimed.set(key, until);
			return { changed: true, result: "first" };
		}
		if (!this.leaseEnded(key, lease.at)) return { changed: false, result: false };
		this.claimed.set(key, until);
		return { changed: true, result: "takeover" };
	}

	/** A claim whose lease ended by `at` with its post neither posted (messageRef) nor revealed. */
	private leaseEnded(key: string, at: Date): boolean {
		const until = this.claimed.get(key);
		const post = this.quizPosts.get(key);
		return until !== undefined && until <= at.getTime() && post !== undefined && post.messageRef === null && post.revealedAt === null;
	}

	markQuizRevealed(channelId: string, quizId: string, at: Date): Change<boolean> {
		const key = quizKey(channelId, quizId);
		const post = this.quizPosts.get(key);
		if (!post || post.revealedAt) return { changed: false, result: false };
		this.quizPosts.set(key, { ...post, revealedAt: at });
		return { changed: true, result: true };
	}

	saveCard(card: LearnerCard): Change<void> {
		const byQuestion = this.cards.get(card.userId) ?? new Map<string, LearnerCard>();
		byQuestion.set(card.questionId, card);
		this.cards.set(card.userId, byQuestion);
		return { changed: true, result: undefined };
	}

	addCard(card: LearnerCard): Change<LearnerCard | null> {
		const saved = this.getCard(card.userId, card.questionId);
		if (saved) return { changed: false, result: saved };
		this.saveCard(card);
		return { changed: true, result: null };
	}

	recordAnswer(answer: Answer): Change<RecordAnswerResult> {
		const key = quizKey(answer.channelId, answer.quizId);
		const byUser = this.answers.get(key) ?? new Map<string, Answer>();
		const first = byUser.get(answer.userId);
		if (first) return { changed: false, result: { status: "already-answered", answer: first } };
		byUser.set(answer.userId, answer);
		this.answers.set(key, byUser);
		this.index(answer);
		this.setStreak(nextStreak(this.getStreak(answer.channelId, answer.userId), answer));
		return { changed: true, result: { status: "recorded", answer } };
	}

	private index(answer: Answer): void {
		const list = this.answersByChannel.get(answer.channelId) ?? [];
		// Answers mostly arrive in time order: walk back from the end to the insertion point.
		let at = list.length;
		while (at > 0 && (list[at - 1]?.answeredAt.getTime() ?? 0) > answer.answeredAt.getTime()) at--;
		list.splice(at, 0, answer);
		this.answersByChannel.set(answer.channelId, list);
	}

	private setStreak(streak: Streak): void {
		const byUser = this.streaks.get(streak.channelId) ?? new Map<string, Streak>();
		byUser.set(streak.userId, streak);
		this.streaks.set(streak.channelId, byUser);
	}

	getChannel(channelId: string): ChannelSettings | null {
		return this.channels.get(channelId) ?? null;
	}

	listChannels(): ChannelSettings[] {
		return [...this.channels.values()];
	}

	getQuizPost(channelId: string, quizId: string): QuizPost | null {
		return this.quizPosts.get(quizKey(channelId, quizId)) ?? null;
	}

	listQuizPosts(channelId: string, range: TimeRange): QuizPost[] {
		return [...this.quizPosts.values()]
			.filter((p) => p.channelId === channelId && inRange(p.opensAt, range))
			.sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
	}

	listQuizPostsOpeningBy(at: Date, limit: number): QuizPost[] {
		// Due from opensAt, or from the lease's end for a claim offered again.
		const due = (key: string) => this.claimed.get(key) ?? this.quizPosts.get(key)?.opensAt.getTime() ?? 0;
		const ended = [...this.claimed.keys()].filter((key) => this.leaseEnded(key, at));
		return [...this.opening, ...ended]
			.filter((key) => (this.quizPosts.get(key)?.opensAt.getTime() ?? Number.POSITIVE_INFINITY) <= at.getTime())
			.sort((a, b) => due(a) - due(b))
			.flatMap((key) => this.quizPosts.get(key) ?? [])
			.slice(0, limit);
	}

	listQuizPostsClosingBy(at: Date, limit: number): QuizPost[] {
		return [...this.quizPosts.values()]
			.filter((p) => p.revealedAt === null && p.closesAt.getTime() <= at.getTime())
			.sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime())
			.slice(0, limit);
	}

	listQuizAnswers(channelId: string, quizId: string): Answer[] {
		const answers = [...(this.answers.get(quizKey(channelId, quizId))?.values() ?? [])];
		return answers.sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
	}

	countQuizAnswers(channelId: string, quizId: string): number {
		return this.answers.get(quizKey(channelId, quizId))?.size ?? 0;
	}

	listAnswers(channelId: string, range: TimeRange, userId?: string): Answer[] {
		return (this.answersByChannel.get(channelId) ?? []).filter(
			(a) => inRange(a.answeredAt, range) && (userId === undefined || a.userId === userId),
		);
	}

	/** Channels with answers: all of them for a workspace scope ("slack:T1" holds "slack:T1:C1"). */
	answerChannels(scope: ParticipationScope): string[] {
		if ("channelId" in scope) return [scope.channelId];
		return [...this.answersByChannel.keys()].filter((id) => id.slice(0, id.lastIndexOf(":")) === scope.workspaceId);
	}

	getStreak(channelId: string, userId: string): Streak | null {
		return this.streaks.get(channelId)?.get(userId) ?? null;
	}

	listStreaks(channelId: string): Streak[] {
		return [...(this.streaks.get(channelId)?.values() ?? [])];
	}

	getCard(userId: string, questionId: string): LearnerCard | null {
		return this.cards.get(userId)?.get(questionId) ?? null;
	}

	listDueCards(userId: string, at: Date, limit: number): LearnerCard[] {
		return [...(this.cards.get(userId)?.values() ?? [])]
			.filter((c) => c.card.due.getTime() <= at.getTime())
			.sort((a, b) => a.card.due.getTime() - b.card.due.getTime())
			.slice(0, limit);
	}

	listLearnersWithDueCards(at: Date, limit: number): string[] {
		const earliest: { userId: string; due: number }[] = [];
		for (const [userId, byQuestion] of this.cards) {
			const due = Math.min(...[...byQuestion.values()].map((c) => c.card.due.getTime()));
			if (due <= at.getTime()) earliest.push({ userId, due });
		}
		return earliest
			.sort((a, b) => a.due - b.due)
			.slice(0, limit)
			.map((e) => e.userId);
	}

	snapshot(): JournalSnapshot {
		return {
			channels: [...this.channels.values()],
			quizPosts: [...this.quizPosts.values()],
			opening: [...this.opening].map(splitQuizKey),
			claimed: [...this.claimed.keys()].map(splitQuizKey),
			answers: [...this.answers.values()].flatMap((byUser) => [...byUser.values()]),
			streaks: [...this.streaks.values()].flatMap((byUser) => [...byUser.values()]),
			cards: [...this.cards.values()].flatMap((byQuestion) => [...byQuestion.values()]),
		};
	}
}

function isDrop(pending: PendingDrop | null, episode: number, droppedAt: Date): boolean {
	return pending !== null && pending.episode === episode && pending.droppedAt.getTime() === droppedAt.getTime();
}

function inRange(at: Date, range: TimeRange): boolean {
	return at.getTime() >= range.from.getTime() && at.getTime() < range.to.getTime();
}
