/**
 * The course-complete message: once the last episode is out (its drop settled, not pending) and
 * every quiz of the channel is revealed (so that the results are final). recordDrop of the episode
 * after the last one makes it exactly once across replicas. The managers' channel (when
 * configured) gets the channel's participation report over the course at the same time.
 */
import { buildReport, reportReplies } from "../participation/report.ts";
import { handlePostFailure } from "../study/channel-gone.ts";
import type { Study } from "../study/study-options.ts";
import { courseResults } from "./course-results.ts";
import { courseCompleteReply } from "./drop-reply.ts";

const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };

export async function completeCourseIfDone(study: Study, channelId: string): Promise<boolean> {
	const { course, store, chat, clock } = study;
	const after = course.episodes.length + 1;
	const channel = await store.getChannel(channelId);
	// Paused: no new posts; the scheduler sends it after /course resume.
	if (!channel || channel.paused || channel.nextEpisode !== after || channel.courseId !== course.meta.id) return false;
	// The last episode's post is not settled yet (its replica may have died before posting it).
	if (channel.pendingDrop) return false;
	const posts = await store.listQuizPosts(channelId, ALL_TIME);
	if (posts.some((p) => p.revealedAt === null)) return false;
	if (!(await store.recordDrop(channelId, after, clock.now()))) return false;
	try {
		await chat.post(channelId, courseCompleteReply(course, await courseResults(store, channelId)));
	} catch (error) {
		await handlePostFailure(study, channelId, "the course-complete message", error);
		return false;
	}
	study.logger.info(`Course complete in ${channelId}`, { channelId });
	await reportToManagers(study, channelId, channel.scheduleFrom);
	return true;
}

/** The channel's report over its course, in the managers' channel; a failure there is logged, not retried. */
async function reportToManagers(study: Study, channelId: string, startedAt: Date): Promise<void> {
	const { digestChannel, managersTimeZone, defaultTimeZone } = study.options;
	if (digestChannel === undefined) return;
	const now = study.clock.now();
	try {
		const report = await buildReport(study.store, study.course, {
			scope: { channelId },
			label: `${channelId} finished the course`,
			range: { from: startedAt, to: now },
			weeksAsked: 0,
			defaultTimeZone,
			now,
			recallReachMs: Math.max(0, ...study.options.recallOffsetsMs),
		});
		const replies = await reportReplies(report, {
			perPerson: false,
			timeZone: managersTimeZone ?? defaultTimeZone,
			visibility: "channel",
			summaryOnly: true,
		});
		for (const reply of replies) await study.chat.post(digestChannel, reply);
	} catch (error) {
		study.logger.error(
			`Could not post the course-complete report of ${channelId} to ${digestChannel}: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
}
