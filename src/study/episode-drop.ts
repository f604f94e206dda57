/**
 * Posting a channel's next episode, exactly once across replicas: Store.recordDrop decides who
 * posts (it advances nextEpisode atomically), then the winner schedules the recall quizzes and
 * posts. A crash between the two loses that drop rather than posting it twice.
 */
import { findEpisode } from "../course/course.ts";
import type { ChannelSettings } from "../ports/store.ts";
import { handlePostFailure } from "./channel-gone.ts";
import { completeCourseIfDone } from "./course-complete.ts";
import { dropReply, type Lateness } from "./drop-reply.ts";
import { recallPosts } from "./recall-plan.ts";
import type { Study } from "./study-options.ts";

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
	if (!(await store.recordDrop(channel.channelId, number, now))) return "taken";
	// Scheduled before the post, so that a crash after posting still brings the quizzes.
	for (const post of recallPosts(course, channel.channelId, number, now, options)) await store.scheduleQuizPost(post);
	const late: Lateness | null =
		dueAt && now.getTime() - dueAt.getTime() > options.lateAfterMs ? { dueAt, timeZone: channel.timeZone } : null;
	try {
		await chat.post(channel.channelId, dropReply(course, episode, late));
	} catch (error) {
		return handlePostFailure(study, channel.channelId, `episode ${number}`, error);
	}
	study.logger.info(`Dropped episode ${number} in ${channel.channelId}${late ? " (late)" : ""}`, {
		channelId: channel.channelId,
		episode: number,
	});
	if (number === course.episodes.length) await completeCourseIfDone(study, channel.channelId);
	return "posted";
}
