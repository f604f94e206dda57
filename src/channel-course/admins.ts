/** Who may change a channel's course: the bot's configured admins and the channel's own. */
import { namedIn } from "../chat/chat-ids.ts";
import type { ChannelSettings } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import type { CommandContext } from "../router/command.ts";

/**
 * True when a configured admin id or one of the channel's course admins names the user or one of
 * their groups (a Slack user group, a Discord role: `[userId, ...groups]`).
 */
export function mayChangeCourse(
	context: Pick<CommandContext, "userId" | "groups">,
	channel: ChannelSettings | null,
	configured: readonly string[],
): boolean {
	return namedIn(configured, context) || namedIn(channel?.admins ?? [], context);
}

/** The refusal names who may, so that the learner knows whom to ask. */
export function refusal(channel: ChannelSettings | null, configured: readonly string[]): Reply {
	const who = [
		configured.length > 0 ? `the bot's admins (${configured.join(", ")})` : "",
		channel && channel.admins.length > 0 ? `this channel's course admins (${channel.admins.join(", ")})` : "",
	].filter((s) => s !== "");
	const list = who.length > 0 ? who.join(" and ") : "nobody yet: the bot has no admins configured (KUBECOACH_ADMINS)";
	return {
		text: `Only admins may change this channel's course. Who may: ${list}. Anyone may use \`/course status\`.`,
		visibility: "private",
	};
}
