/**
 * The study jobs: episode drops, recall quizzes opening, quizzes closing (reveal). Each run does
 * whatever is due at its `now`, however long ago it became due (that is the catch-up after
 * downtime), and posts each item once: the Store's atomic claims (recordDrop, claimQuizPost,
 * markQuizRevealed) pick one replica per item even when several run the same job at once. Drops
 * and quiz openings are leases: an item whose replica died before settling it is due again once
 * its lease ends (a pending drop is found on the channel list each run reads anyway, a quiz in
 * the opening index), and the one replica that takes it over looks for the post in the channel
 * before posting again.
 */

import { completeCourseIfDone } from "../src/channel-course/course-complete.ts";
import { dropNextEpisode, takeOverDrop } from "../src/channel-course/episode-drop.ts";
import { noMetrics } from "../src/ports/metrics.ts";
import type { ChannelSettings, QuizPost } from "../src/ports/store.ts";
import { postScheduledQuiz, revealQuiz } from "../src/quiz/quiz-posting.ts";
import type { Study } from "../src/study/study-options.ts";
import { DropSlots } from "./drop-slots.ts";
import { forEachLimit, type Job } from "./job.ts";

export interface StudyJobsOptions {
	/** When the jobs run (node-cron syntax): every minute by default, every second for the demo. */
	readonly tick?: string;
	/** Items handled at once (store and chat calls in flight). */
	readonly concurrency?: number;
	/** Posts read from an index per batch; a batch is handled before the next is read. */
	readonly batch?: number;
	/**
	 * Whether this process can post to a channel (an adapter of its platform runs here). Items of
	 * other channels are left due, untouched, for a process that can: a bot started without its
	 * Slack token must not claim, fail and so lose Slack's drops and reveals. Default: every channel.
	 */
	readonly serves?: (channelId: string) => boolean;
}

const MAX_BATCHES = 1000;

function reportFailure(study: Study, what: string, error: unknown): void {
	study.logger.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}; the next run tries again`);
}

export function studyJobs(study: Study, options: StudyJobsOptions = {}): Job[] {
	const schedule = options.tick ?? "* * * * *";
	const concurrency = options.concurrency ?? 32;
	// Large enough that a Monday's quiz openings in a big workspace are one batch: the posts of one
	// channel are paced about a second apart by chat platforms, so each batch costs at least that.
	const batch = options.batch ?? 2000;
	const slots = new DropSlots(study.logger);
	const total = study.course.episodes.length;
	const serves = options.serves ?? (() => true);
	const metrics = study.metrics ?? noMetrics;

	const episodeDrops: Job = {
		name: "episode-drops",
		schedule,
		timeZone: "UTC",
		async run(now) {
			const channels = await study.store.listChannels();
			const finishing: string[] = [];
			const due = channels.flatMap((channel): { channel: ChannelSettings; slot: Date | null }[] => {
				if (channel.paused || channel.courseId !== study.course.meta.id || !serves(channel.channelId)) return [];
				// A drop not settled yet: its replica is posting it, or died doing so and it is taken over
				// once the lease ends. The next drop waits for it, so that drops stay in order and one
				// pending drop never replaces another.
				const pending = channel.pendingDrop;
				if (pending) return pending.leaseUntil.getTime() <= now.getTime() ? [{ channel, slot: null }] : [];
				// All episodes out, the course-complete message not yet: normally a reveal sends it;
				// this retries it if that failed.
				if (channel.nextEpisode === total + 1) finishing.push(channel.channelId);
				if (channel.nextEpisode > total) return [];
				const slot = slots.slotFor(channel);
				return slot && slot.getTime() <= now.getTime() ? [{ channel, slot }] : [];
			});
			await forEachLimit(due, concurrency, async ({ channel, slot }) => {
				await (slot ? dropNextEpisode(study, channel, slot) : takeOverDrop(study, channel)).then(
					(outcome) => metrics.scheduledPost("drop", outcome),
					(error: unknown) => {
						metrics.scheduledPost("drop", "failed");
						reportFailure(study, `Episode drop in ${channel.channelId}`, error);
					},
				);
			});
			await forEachLimit(finishing, concurrency, async (channelId) => {
				await completeCourseIfDone(study, channelId).catch((error: unknown) =>
					reportFailure(study, `Course complete in ${channelId}`, error),
				);
			});
		},
	};

	/** Reads batches from an index until it has nothing left that this run can act on. */
	async function drain(list: () => Promise<QuizPost[]>, handle: (post: QuizPost) => Promise<boolean>): Promise<void> {
		for (let round = 0; round < MAX_BATCHES; round++) {
			const posts = await list();
			let acted = 0;
			await forEachLimit(spreadByChannel(posts), concurrency, async (post) => {
				if (await handle(post)) acted++;
			});
			if (posts.length < batch || acted === 0) return;
		}
	}

	const quizOpenings: Job = {
		name: "quiz-openings",
		schedule,
		timeZone: "UTC",
		async run(now) {
			const channels = new Map<string, Awaited<ReturnType<typeof study.store.getChannel>>>();
			await drain(
				() => study.store.listQuizPostsOpeningBy(now, batch),
				async (post) => {
					if (!serves(post.channelId)) return false;
					try {
						if (!channels.has(post.channelId)) channels.set(post.channelId, await study.store.getChannel(post.channelId));
						const outcome = await postScheduledQuiz(study, post, channels.get(post.channelId) ?? null);
						metrics.scheduledPost("quiz", outcome);
						if (outcome === "paused") channels.set(post.channelId, await study.store.getChannel(post.channelId));
						return outcome !== "taken";
					} catch (error) {
						metrics.scheduledPost("quiz", "failed");
						reportFailure(study, `Quiz ${post.id} in ${post.channelId}`, error);
						return false;
					}
				},
			);
		},
	};

	const quizReveals: Job = {
		name: "quiz-reveals",
		schedule,
		timeZone: "UTC",
		async run(now) {
			await drain(
				() => study.store.listQuizPostsClosingBy(now, batch),
				async (post) => {
					if (!serves(post.channelId)) return false;
					try {
						const outcome = await revealQuiz(study, post);
						if (outcome !== "waiting") metrics.scheduledPost("reveal", outcome);
						return outcome !== "taken" && outcome !== "waiting";
					} catch (error) {
						metrics.scheduledPost("reveal", "failed");
						reportFailure(study, `Reveal of quiz ${post.id} in ${post.channelId}`, error);
						return false;
					}
				},
			);
		},
	};

	return [episodeDrops, quizOpenings, quizReveals];
}

/**
 * The posts round-robin by channel: first one post of every channel, then a second, and so on.
 * Chat platforms take about one message per second per channel (the Slack adapter paces its posts),
 * so two posts of one channel side by side would hold a worker waiting while other channels could go.
 */
export function spreadByChannel(posts: readonly QuizPost[]): QuizPost[] {
	const byChannel = new Map<string, QuizPost[]>();
	for (const post of posts) {
		const list = byChannel.get(post.channelId);
		if (list) list.push(post);
		else byChannel.set(post.channelId, [post]);
	}
	const spread: QuizPost[] = [];
	for (let round = 0; spread.length < posts.length; round++) {
		for (const list of byChannel.values()) {
			const post = list[round];
			if (post) spread.push(post);
		}
	}
	return spread;
}
