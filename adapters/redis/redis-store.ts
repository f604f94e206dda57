/**
 * The Store on Redis, shared by every bot replica. Races between replicas are settled inside
 * Redis: recordAnswer, updateChannel, recordDrop, undoDrop, settleDrop, claimDropTakeover,
 * claimQuizPost, markQuizRevealed, saveCard and addCard are Lua scripts (scripts.ts); saveChannel,
 * saveQuizPost and scheduleQuizPost are MULTI transactions. Installation-wide indexes
 * ({global} keys) are written by a separate command first, so a failure in between leaves an index
 * entry without its record, which readers skip, never a record the index misses.
 *
 * Nothing here expires: answers, cards and streaks are the report's history. The transient data
 * (run coordinator leases) lives in redis-run-coordinator.ts with TTLs.
 */

import type { ChainableCommander } from "ioredis";
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
import { dayNumber } from "../../src/ports/store.ts";
import type { RedisClient } from "./connect.ts";
import { toStoreError } from "./errors.ts";
import { RedisKeys, scoreBounds, workspaceOf } from "./keys.ts";
import { readParticipation } from "./participation-read.ts";
import * as records from "./records.ts";
import * as scripts from "./scripts.ts";

type Operation = "recordAnswer" | "read" | "write";

/** Runs a MULTI; exec() reports a failed command inside it as a result, so raise it here. */
async function exec(tx: ChainableCommander): Promise<void> {
	const results = await tx.exec();
	if (results === null) throw new Error("MULTI was aborted");
	for (const [error] of results) if (error) throw error;
}

export class RedisStore implements Store {
	private readonly client: RedisClient;
	private readonly keys: RedisKeys;

	/** Takes ownership of `client` (see connectRedis): close() disconnects it. */
	constructor(client: RedisClient, options: { readonly keyPrefix: string }) {
		this.client = client;
		this.keys = new RedisKeys(options.keyPrefix);
	}

	/** Runs `work`, turning connection trouble into StoreUnavailableError. */
	private async run<T>(operation: Operation, work: (client: RedisClient) => Promise<T>): Promise<T> {
		try {
			return await work(this.client);
		} catch (error) {
			throw toStoreError(operation, error);
		}
	}

	getChannel(channelId: string): Promise<ChannelSettings | null> {
		return this.run("read", async (c) => records.decodeChannel(channelId, await c.hgetall(this.keys.channel(channelId))));
	}

	listChannels(): Promise<ChannelSettings[]> {
		return this.run("read", async (c) => {
			const ids = await c.smembers(this.keys.channels());
			const hashes = await Promise.all(ids.map((id) => c.hgetall(this.keys.channel(id))));
			return ids.flatMap((id, i) => records.decodeChannel(id, hashes[i] ?? {}) ?? []);
		});
	}

	saveChannel(settings: ChannelSettings): Promise<void> {
		return this.run("write", async (c) => {
			await c.sadd(this.keys.channels(), settings.channelId);
			const key = this.keys.channel(settings.channelId);
			await c
				.multi()
				.del(key)
				.hset(key, ...records.channelFields(settings))
				.exec();
		});
	}

	updateChannel(channelId: string, patch: ChannelPatch): Promise<ChannelSettings | null> {
		return this.run("write", async (c) => {
			const after = await scripts.updateChannel.run(c, [this.keys.channel(channelId)], records.channelFields(patch));
			return Array.isArray(after) ? records.decodeChannel(channelId, after as string[]) : null;
		});
	}

	recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		return this.run("write", async (c) => {
			const pending = options?.pending;
			const args = [
				episode,
				at.getTime(),
				options?.onlyIfActive ? "1" : "0",
				...(pending ? records.pendingFields(episode, at, pending.dueAt, at.getTime() + pending.leaseMs) : []),
			];
			return (await scripts.recordDrop.run(c, [this.keys.channel(channelId)], args)) === 1;
		});
	}

	undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Promise<boolean> {
		return this.run("write", async (c) => {
			const args = [episode, droppedAt.getTime(), previousDropAt ? String(previousDropAt.getTime()) : ""];
			return (await scripts.undoDrop.run(c, [this.keys.channel(channelId)], args)) === 1;
		});
	}

	settleDrop(channelId: string, episode: number, droppedAt: Date): Promise<boolean> {
		return this.run("write", async (c) => {
			return (await scripts.settleDrop.run(c, [this.keys.channel(channelId)], [episode, droppedAt.getTime()])) === 1;
		});
	}

	claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Promise<boolean> {
		return this.run("write", async (c) => {
			const args = [episode, droppedAt.getTime(), lease.at.getTime(), lease.at.getTime() + lease.ms];
			return (await scripts.claimDropTakeover.run(c, [this.keys.channel(channelId)], args)) === 1;
		});
	}

	saveQuizPost(post: QuizPost): Promise<void> {
		return this.run("write", (c) => this.writeQuizPost(c, post, false));
	}

	/** The closing index, then the record; `scheduled` marks the post claimable (never unmarks it). */
	private async writeQuizPost(c: RedisClient, post: QuizPost, scheduled: boolean): Promise<void> {
		const member = JSON.stringify([post.channelId, post.id]);
		if (post.revealedAt) await c.zrem(this.keys.quizzesClosing(), member);
		else await c.zadd(this.keys.quizzesClosing(), post.closesAt.getTime(), member);
		const key = this.keys.quiz(post.channelId, post.id);
		const tx = c.multi().hset(key, "post", records.encodeQuizPost(post));
		if (scheduled) tx.hset(key, "scheduled", "1");
		if (post.messageRef === null) tx.hdel(key, "posted");
		else tx.hset(key, "posted", "1");
		if (post.revealedAt) tx.hset(key, "revealedAt", String(post.revealedAt.getTime()));
		else tx.hdel(key, "revealedAt");
		await exec(tx.zadd(this.keys.channelQuizzes(post.channelId), post.opensAt.getTime(), post.id));
	}

	scheduleQuizPost(post: QuizPost): Promise<void> {
		return this.run("write", async (c) => {
			// The index entry first (see the top of the file); a reader skips it once claimed.
			await c.zadd(this.keys.quizzesOpening(), post.opensAt.getTime(), JSON.stringify([post.channelId, post.id]));
			await this.writeQuizPost(c, post, true);
		});
	}

	listQuizPostsOpeningBy(at: Date, limit: number): Promise<QuizPost[]> {
		return this.run("read", async (c) => {
			const index = this.keys.quizzesOpening();
			const members = await c.zrangebyscore(index, "-inf", at.getTime(), "LIMIT", 0, limit);
			const hashes = await Promise.all(
				members.map((member) => {
					const [channelId, quizId] = JSON.parse(member) as [string, string];
					return c.hgetall(this.keys.quiz(channelId, quizId));
				}),
			);
			const posts: QuizPost[] = [];
			for (const [i, hash] of hashes.entries()) {
				const post = records.decodeQuizPost(hash);
				const member = members[i] ?? "";
				// No record yet: a schedule call is between its two writes; leave it for the next read.
				if (!post) continue;
				if (hash.claimedAt === undefined) posts.push(post);
				else if (hash.leaseUntil === undefined || hash.posted === "1" || post.revealedAt) await c.zrem(index, member);
				else if (Number(hash.leaseUntil) <= at.getTime()) posts.push(post);
				// A running lease whose claimer did not move the entry (it died in between): move it.
				else await c.zadd(index, "XX", "GT", hash.leaseUntil, member);
			}
			return posts;
		});
	}

	claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim> {
		return this.run("write", async (c) => {
			const until = lease.at.getTime() + lease.ms;
			const won = await scripts.claimQuiz.run(c, [this.keys.quiz(channelId, quizId)], [lease.at.getTime(), until]);
			if (won !== 1 && won !== 2) return false;
			// The entry stays, due again when the lease ends; XX: never put back one tidied away.
			await c.zadd(this.keys.quizzesOpening(), "XX", "GT", until, JSON.stringify([channelId, quizId]));
			return won === 1 ? "first" : "takeover";
		});
	}

	getQuizPost(channelId: string, quizId: string): Promise<QuizPost | null> {
		return this.run("read", async (c) => records.decodeQuizPost(await c.hgetall(this.keys.quiz(channelId, quizId))));
	}

	getQuizPostAndChannel(channelId: string, quizId: string): Promise<QuizPostAndChannel> {
		return this.run("read", async (c) => {
			const keys = [this.keys.quiz(channelId, quizId), this.keys.channel(channelId)];
			const [post, channel] = (await scripts.readQuizAndChannel.run(c, keys, [])) as [string[], string[]];
			return { post: records.decodeQuizPost(records.pairs(post)), channel: records.decodeChannel(channelId, channel) };
		});
	}

	listQuizPosts(channelId: string, range: TimeRange): Promise<QuizPost[]> {
		return this.run("read", async (c) => {
			const ids = await c.zrangebyscore(this.keys.channelQuizzes(channelId), ...scoreBounds(range));
			const hashes = await Promise.all(ids.map((id) => c.hgetall(this.keys.quiz(channelId, id))));
			return hashes.flatMap((hash) => records.decodeQuizPost(hash) ?? []);
		});
	}

	listQuizPostsClosingBy(at: Date, limit: number): Promise<QuizPost[]> {
		return this.run("read", async (c) => {
			const index = this.keys.quizzesClosing();
			const members = await c.zrangebyscore(index, "-inf", at.getTime(), "LIMIT", 0, limit);
			const posts: QuizPost[] = [];
			for (const member of members) {
				const [channelId, quizId] = JSON.parse(member) as [string, string];
				const post = records.decodeQuizPost(await c.hgetall(this.keys.quiz(channelId, quizId)));
				if (post && !post.revealedAt) posts.push(post);
				// A leftover of a write that failed half-way: tidy it so it does not take up the limit.
				else await c.zrem(index, member);
			}
			return posts;
		});
	}

	markQuizRevealed(channelId: string, quizId: string, at: Date): Promise<boolean> {
		return this.run("write", async (c) => {
			const won = await scripts.markRevealed.run(c, [this.keys.quiz(channelId, quizId)], [at.getTime()]);
			if (won !== 1) return false;
			await c.zrem(this.keys.quizzesClosing(), JSON.stringify([channelId, quizId]));
			return true;
		});
	}

	recordAnswer(answer: Answer): Promise<RecordAnswerResult> {
		// Computed first: a malformed day is the caller's bug, not an outage.
		const day = dayNumber(answer.day);
		return this.run("recordAnswer", async (c) => {
			const keys = [
				this.keys.quizAnswers(answer.channelId, answer.quizId),
				this.keys.channelAnswers(answer.channelId),
				this.keys.userAnswers(answer.channelId, answer.userId),
				this.keys.streaks(answer.channelId),
				this.keys.answerChannels(workspaceOf(answer.channelId)),
			];
			const args = [answer.userId, records.encodeAnswer(answer), answer.answeredAt.getTime(), answer.day, day, answer.channelId];
			const reply = await scripts.recordAnswer.run(c, keys, args);
			if (reply === 1) return { status: "recorded", answer };
			return { status: "already-answered", answer: records.decodeAnswer(String(reply)) };
		});
	}

	listQuizAnswers(channelId: string, quizId: string): Promise<Answer[]> {
		return this.run("read", async (c) => {
			const answers = (await c.hvals(this.keys.quizAnswers(channelId, quizId))).map(records.decodeAnswer);
			return answers.sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
		});
	}

	countQuizAnswers(channelId: string, quizId: string): Promise<number> {
		return this.run("read", (c) => c.hlen(this.keys.quizAnswers(channelId, quizId)));
	}

	listAnswers(query: { readonly channelId: string; readonly range: TimeRange; readonly userId?: string }): Promise<Answer[]> {
		return this.run("read", async (c) => {
			const { channelId, userId } = query;
			const key = userId === undefined ? this.keys.channelAnswers(channelId) : this.keys.userAnswers(channelId, userId);
			return (await c.zrangebyscore(key, ...scoreBounds(query.range))).map(records.decodeAnswer);
		});
	}

	/** The participation report's figures, counted from the answer indexes (participation-read.ts). */
	participation(scope: ParticipationScope, range: TimeRange): Promise<ParticipationFigures> {
		return this.run("read", (c) => readParticipation(c, this.keys, scope, range));
	}

	getStreak(channelId: string, userId: string): Promise<Streak | null> {
		return this.run("read", async (c) => {
			const text = await c.hget(this.keys.streaks(channelId), userId);
			return text === null ? null : records.decodeStreak(channelId, userId, text);
		});
	}

	listStreaks(channelId: string): Promise<Streak[]> {
		return this.run("read", async (c) => {
			const all = await c.hgetall(this.keys.streaks(channelId));
			return Object.entries(all).map(([userId, text]) => records.decodeStreak(channelId, userId, text));
		});
	}

	getCard(userId: string, questionId: string): Promise<LearnerCard | null> {
		return this.run("read", async (c) => {
			const text = await c.hget(this.keys.cards(userId), questionId);
			return text === null ? null : records.decodeCard(text);
		});
	}

	saveCard(card: LearnerCard): Promise<void> {
		return this.run("write", async (c) => {
			const keys = [this.keys.cards(card.userId), this.keys.cardsDue(card.userId)];
			const args = [card.questionId, records.encodeCard(card), card.card.due.getTime()];
			const earliest = await scripts.saveCard.run(c, keys, args);
			// A separate command: the global index lives in another Cluster slot.
			await c.zadd(this.keys.learnersDue(), Number(earliest), card.userId);
		});
	}

	addCard(card: LearnerCard): Promise<LearnerCard | null> {
		return this.run("write", async (c) => {
			const keys = [this.keys.cards(card.userId), this.keys.cardsDue(card.userId)];
			const args = [card.questionId, records.encodeCard(card), card.card.due.getTime()];
			const [added, value] = (await scripts.addCard.run(c, keys, args)) as [number, string];
			if (added !== 1) return records.decodeCard(value);
			// As saveCard: the global index is in another Cluster slot.
			await c.zadd(this.keys.learnersDue(), Number(value), card.userId);
			return null;
		});
	}

	listDueCards(userId: string, at: Date, limit: number): Promise<LearnerCard[]> {
		return this.run("read", async (c) => {
			const questionIds = await c.zrangebyscore(this.keys.cardsDue(userId), "-inf", at.getTime(), "LIMIT", 0, limit);
			if (questionIds.length === 0) return [];
			const texts = await c.hmget(this.keys.cards(userId), ...questionIds);
			return texts.flatMap((text) => (text === null ? [] : [records.decodeCard(text)]));
		});
	}

	listLearnersWithDueCards(at: Date, limit: number): Promise<string[]> {
		return this.run("read", (c) => c.zrangebyscore(this.keys.learnersDue(), "-inf", at.getTime(), "LIMIT", 0, limit));
	}

	async close(): Promise<void> {
		try {
			await this.client.quit();
		} catch {
			// Already disconnected: nothing left to release but the socket.
			this.client.disconnect();
		}
	}
}
