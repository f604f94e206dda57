/**
 * Posting a channel's next episode, exactly once across replicas: Store.recordDrop decides who
 * posts (it advances nextEpisode atomically), then the winner schedules the recall quizzes and
 * posts. A crash between the two loses that drop rather than posting it twice. A post that fails
 * with a transient error (the ChatPort says those may be retried) is undone, so that the next run
 * posts the episode, late, instead of the channel silently never getting it.
 */
import { findEpisode } from "../course/course.ts";
import type { ChannelSettings, QuizPost } from "../ports/store.ts";
import { handlePostFailure } from "../study/channel-gone.ts";
import type { Study } from "../study/study-options.ts";
import { completeCourseIfDone } from "./course-complete.ts";
import { dropReply, type Lateness } from "./drop-reply.ts";
import { recallPosts } from "./recall-plan.ts";

export type DropOutcome = "posted" | "taken" | "paused" | "failed" | "finished";

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
	if (!(await store.recordDrop(channel.channelId, number, now, { onlyIfActive: dueAt !== null }))) return "taken";
	// Scheduled before the post, so that a crash after posting still brings the quizzes.
	const recalls = recallPosts(course, channel.channelId, number, now, options);
	for (const post of recalls) await store.scheduleQuizPost(post);
	const late: Lateness | null =
		dueAt && now.getTime() - dueAt.getTime() > options.lateAfterMs ? { dueAt, timeZone: channel.timeZone } : null;
	try {
		await chat.post(channel.channelId, dropReply(course, episode, late));
	} catch (error) {
		const outcome = await handlePostFailure(study, channel.channelId, `episode ${number}`, error);
		if (outcome === "failed") await undoDrop(study, channel, now, recalls);
		return outcome;
	}
	study.logger.info(`Dropped episode ${number} in ${channel.channelId}${late ? " (late)" : ""}`, {
		channelId: channel.channelId,
		episode: number,
	});
	if (number === course.episodes.length) await completeCourseIfDone(study, channel.channelId);
	return "posted";
}

/**
 * Puts the channel back to before a drop whose post failed: its recall quizzes are retired unposted
 * and nextEpisode and lastDropAt return, so the next run drops the episode again (marked late).
 * Only when the channel still shows this drop: a skip, restart or another drop since wins
 * (Store.undoDrop checks that atomically and leaves every other setting alone).
 */
async function undoDrop(study: Study, channel: ChannelSettings, droppedAt: Date, recalls: readonly QuizPost[]): Promise<void> {
	const { store } = study;
	for (const post of recalls) {
		const lease = { at: study.clock.now(), ms: study.options.claimLeaseMs };
		if (await store.claimQuizPost(post.channelId, post.id, lease)) await store.markQuizRevealed(post.channelId, post.id, droppedAt);
	}
	if (!(await store.undoDrop(channel.channelId, channel.nextEpisode, droppedAt, channel.lastDropAt))) return;
	study.logger.warn(`Episode ${channel.nextEpisode} in ${channel.channelId} was not posted; the next run tries again`, {
		channelId: channel.channelId,
		episode: channel.nextEpisode,
	});
}
