/** Who may change a channel's course: decided by the authorization policy (src/authorization/). */
import type { Authorization } from "../authorization/authorization.ts";
import type { ChannelSettings } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import type { CommandContext } from "../router/command.ts";

/** True when a configured admin id or one of the channel's course admins names the user or one of their groups. */
export function mayChangeCourse(
	authorization: Authorization,
	context: Pick<CommandContext, "userId" | "groups">,
	channel: ChannelSettings | null,
): boolean {
	return authorization.mayChangeCourse(context, channel);
}

/** The refusal names who may, so that the learner knows whom to ask. */
export function refusal(authorization: Authorization, channel: ChannelSettings | null): Reply {
	return authorization.courseRefusal(channel);
}
