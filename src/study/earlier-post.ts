/**
 * A scheduled item (a quiz, an episode drop) taken over from a replica that died may have been
 * posted before that replica settled it: the post, when the chat finds it. A search that fails
 * (e.g. an app installed without the history scopes) is logged and the item posted: a rare
 * duplicate rather than a lost item. A gone channel is rethrown, for handlePostFailure.
 */
import { ChannelGoneError } from "../ports/chat.ts";
import type { Study } from "./study-options.ts";

/** `what` names the item in log lines, lower case ("quiz e2-…", "episode 3"). */
export async function findEarlierPost(study: Study, channelId: string, what: string, itemKey: string, since: Date): Promise<string | null> {
	try {
		const found = await study.chat.findPost(channelId, itemKey, since);
		if (found !== null) {
			study.logger.info(`${what.charAt(0).toUpperCase()}${what.slice(1)} in ${channelId} was posted before a takeover; keeping that post`);
		}
		return found;
	} catch (error) {
		if (error instanceof ChannelGoneError) throw error;
		study.logger.warn(
			`Could not look for ${what} in ${channelId} before posting it again: ${error instanceof Error ? error.message : String(error)}`,
			{ channelId },
		);
		return null;
	}
}
