/**
 * Posting a channel's next episode, exactly once across replicas, even when a replica dies posting
 * it. Store.recordDrop decides who posts (it advances nextEpisode atomically) and leaves the drop
 * pending with a lease (the claim lease the quizzes use); the winner schedules the recall quizzes,
 * posts with the drop's item key and settles the drop. A drop whose lease ended unsettled (its
 * replica died in between) is taken over by exactly one replica (Store.claimDropTakeover), which
 * schedules the recall quizzes not saved yet, looks for the post in the channel (ChatPort.findPost)
 * and posts only when it is not there. A first post that fails with a transient error (the ChatPort
 * says those may be retried) is undone, so that the next run posts the episode, late, instead of
 * the channel silently never getting it; a taken-over post that fails stays pending and is taken
 * over again once its lease ends.
 */

import { findEpisode } from "../course/course.ts";
import type { Episode } from "../course/schema.ts";
import type { ChannelSettings, PendingDrop, QuizPost } from "../ports/store.ts";
import { handlePostFailure } from "../study/channel-gone.ts";
import { findEarlierPost } from "../study/earlier-post.ts";
import type { Study } from "../study/study-options.ts";
import { completeCourseIfDone } from "./course-complete.ts";
import { dropReply, type Lateness } from "./drop-reply.ts";
import { recallPosts } from "./recall-plan.ts";

export type DropOutcome = "posted" | "taken" | "paused" | "failed" | "finished";

/**
 * The key a drop's post carries (PostOptions.itemKey): one per drop, as the recall quiz ids, so
 * that a course started over, or a drop undone and made again, is never taken for the earlier post.
 */
export const dropItemKey = (channelId: string, episode: number, droppedAt: Date) =>
	`${channelId}/episode-${episode}-${droppedAt.getTime().toString(36)}`;

function lateness(study: Study, channel: ChannelSettings, dueAt: Date | null, now: Date): Lateness | null {
	return dueAt && now.getTime() - dueAt.getTime() > study.options.lateAfterMs ? { dueAt, timeZone: channel.timeZone } : null;
}

/**
 * Drops `channel.nextEpisode` now. `dueAt` is the scheduled time (null for `/course next`): when
 * now is more than lateAfterMs past it, the post says it is late.
 */
export async function dropNextEpisode(study: Study, channel: ChannelSettings, dueAt: Date | null): Promise<DropOutcome> {
	const { course, store, chat, clock, options } = study;
	const number = channel.nextEpisode;
	const episode = findEpisode(course, number);
	if (!episode) {
		await completeCourseIfDone(study, channel.channelId);
		return "finished";
	}
	const now = clock.now();
	// A scheduled drop (dueAt set) is refused when the channel was paused after the scheduler read it.
	const recorded = await store.recordDrop(channel.channelId, number, now, {
		onlyIfActive: dueAt !== null,
		pending: { leaseMs: options.claimLeaseMs, dueAt },
	});
	if (!recorded) return "taken";
	// Scheduled before the post, so that a crash after posting still brings the quizzes.
	const recalls = recallPosts(course, channel.channelId, number, now, options);
	for (const post of recalls) await store.scheduleQuizPost(post);
	const late = lateness(study, channel, dueAt, now);
	try {
		await chat.post(channel.channelId, dropReply(course, episode, late), { itemKey: dropItemKey(channel.channelId, number, now) });
	} catch (error) {
		const outcome = await handlePostFailure(study, channel.channelId, `episode ${number}`, error);
		if (outcome === "failed") await undoDrop(study, channel, now, recalls);
		return outcome;
	}
	return settle(study, channel, { episode: number, droppedAt: now }, episode, late !== null);
}

/**
 * Takes over the channel's pending drop once its lease has ended (the scheduler calls this for
 * channels whose pendingDrop.leaseUntil has passed): posts it unless the chat already shows it,
 * then settles it. Late relative to the slot it was due (or the time it was asked for, for
 * `/course next`), like a drop caught up after downtime. "taken" when another replica took it
 * over, or it was settled or undone meanwhile.
 */
export async function takeOverDrop(study: Study, channel: ChannelSettings): Promise<DropOutcome> {
	const { course, store, chat, clock, options } = study;
	const pending = channel.pendingDrop;
	if (!pending) return "taken";
	const { channelId } = channel;
	const now = clock.now();
	const lease = { at: now, ms: options.claimLeaseMs };
	if (!(await store.claimDropTakeover(channelId, pending.episode, pending.droppedAt, lease))) return "taken";
	study.logger.info(`Took over episode ${pending.episode} in ${channelId}: its post was not settled within its lease`, { channelId });
	const episode = findEpisode(course, pending.episode);
	if (!episode) {
		// The course no longer has it (a new course version): nothing to post.
		await store.settleDrop(channelId, pending.episode, pending.droppedAt);
		return "finished";
	}
	await scheduleMissingRecalls(study, channelId, pending);
	const late = lateness(study, channel, pending.dueAt ?? pending.droppedAt, now);
	const itemKey = dropItemKey(channelId, pending.episode, pending.droppedAt);
	const what = `episode ${pending.episode}`;
	try {
		const found = await findEarlierPost(study, channelId, what, itemKey, pending.droppedAt);
		if (found === null) await chat.post(channelId, dropReply(course, episode, late), { itemKey });
	} catch (error) {
		// Still pending: once the new lease ends, the next run takes it over again.
		return handlePostFailure(study, channelId, what, error);
	}
	return settle(study, channel, pending, episode, late !== null);
}

/**
 * The recall quizzes of a taken-over drop that its replica did not schedule before it died. Only
 * the missing ones: scheduling a saved post again would replace it, and one already posted or
 * revealed would lose its reference (the ids are fixed per drop, see recallQuizId).
 */
async function scheduleMissingRecalls(study: Study, channelId: string, drop: PendingDrop): Promise<void> {
	const { course, store, options } = study;
	for (const post of recallPosts(course, channelId, drop.episode, drop.droppedAt, options)) {
		if ((await store.getQuizPost(channelId, post.id)) === null) await store.scheduleQuizPost(post);
	}
}

async function settle(
	study: Study,
	channel: ChannelSettings,
	drop: Pick<PendingDrop, "episode" | "droppedAt">,
	episode: Episode,
	late: boolean,
): Promise<DropOutcome> {
	await study.store.settleDrop(channel.channelId, drop.episode, drop.droppedAt);
	study.logger.info(`Dropped episode ${episode.number} in ${channel.channelId}${late ? " (late)" : ""}`, {
		channelId: channel.channelId,
		episode: episode.number,
	});
	if (drop.episode === study.course.episodes.length) await completeCourseIfDone(study, channel.channelId);
	return "posted";
}

/**
 * Puts the channel back to before a drop whose post failed: its recall quizzes are retired unposted
 * and nextEpisode and lastDropAt return, so the next run drops the episode again (marked late).
 * Only when the channel still shows this drop: a skip, restart or another drop since wins
 * (Store.undoDrop checks that atomically, clears the drop's pending state and leaves every other
 * setting alone), and the drop is given up.
 */
async function undoDrop(study: Study, channel: ChannelSettings, droppedAt: Date, recalls: readonly QuizPost[]): Promise<void> {
	const { store } = study;
	for (const post of recalls) {
		const lease = { at: study.clock.now(), ms: study.options.claimLeaseMs };
		if (await store.claimQuizPost(post.channelId, post.id, lease)) await store.markQuizRevealed(post.channelId, post.id, droppedAt);
	}
	if (!(await store.undoDrop(channel.channelId, channel.nextEpisode, droppedAt, channel.lastDropAt))) {
		// A skip since keeps it pending: given up, as its quizzes are retired (the skip wins).
		await store.settleDrop(channel.channelId, channel.nextEpisode, droppedAt);
		return;
	}
	study.logger.warn(`Episode ${channel.nextEpisode} in ${channel.channelId} was not posted; the next run tries again`, {
		channelId: channel.channelId,
		episode: channel.nextEpisode,
	});
}
