/**
 * Posting failed. A channel that is gone (deleted, archived, the bot removed) pauses its course
 * with one log line, so that the scheduler stops trying; an admin resumes it with /course resume.
 * Anything else is logged and left for a later post.
 */
import { ChannelGoneError } from "../ports/chat.ts";
import type { Study } from "./study-options.ts";

export async function handlePostFailure(study: Study, channelId: string, what: string, error: unknown): Promise<"paused" | "failed"> {
	if (error instanceof ChannelGoneError) {
		await study.store.updateChannel(channelId, { paused: true });
		study.logger.warn(`Paused the course in ${channelId}: ${error.message}. An admin can /course resume it there.`, {
			code: error.code,
			channelId,
			what,
		});
		return "paused";
	}
	study.logger.error(`Could not post ${what} to ${channelId}: ${error instanceof Error ? error.message : String(error)}`, {
		channelId,
		what,
	});
	return "failed";
}
