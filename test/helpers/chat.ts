/** Chat helpers for tests: contexts as an adapter builds them, what a person sees, button presses. */
import { platformOf } from "../../src/chat/chat-ids.ts";
import type { Reply } from "../../src/reply.ts";
import { encodeButtonId } from "../../src/router/button-id.ts";
import type { ChatRouter, CommandContext, Handled } from "../../src/router/command.ts";

/** The context of `userId` in `channelId` ("slack:T1:C1"); the workspace is the channel id's first two parts. */
export function contextIn(channelId: string, userId: string, groups: readonly string[] = []): CommandContext {
	const platform = platformOf(channelId);
	if (!platform) throw new Error(`not a chat id: ${channelId}`);
	const workspaceId = platform === "console" ? "console" : channelId.split(":").slice(0, 2).join(":");
	return { platform, workspaceId, channelId, userId, groups };
}

/** A user in a Slack channel, for tests that do not care where. */
export const someone: CommandContext = contextIn("slack:T1:C1", "slack:T1:U1");

/** Everything the person sees, in order: the acknowledgement, then what the followUp brings. */
export async function seen(handled: Handled | Promise<Handled>): Promise<readonly Reply[]> {
	const { replies, followUp } = await handled;
	return followUp ? [...replies, ...(await followUp())] : replies;
}

/** A press on the button with this action and value, through its id as an adapter hands it back. */
export function press(router: ChatRouter, action: string, value: string, context: CommandContext): Promise<Handled> {
	return router.handleAction(encodeButtonId({ action, value }), context);
}
