/**
 * Who is a manager: one small function, so that it can later go through an authorization policy.
 * Configured ids (KUBECOACH_MANAGERS: users, Slack user groups, Discord roles) name the user or
 * one of their groups; the console's operator is added to them by the composition root.
 */
import { namedIn } from "../chat/chat-ids.ts";
import { codeSpan } from "../reply/markup.ts";
import type { Reply } from "../reply.ts";
import type { CommandContext } from "../router/command.ts";

export function isManager(context: Pick<CommandContext, "userId" | "groups">, configuredIds: readonly string[]): boolean {
	return namedIn(configuredIds, context);
}

/** The refusal says who can see reports and nothing of any report. */
export function managersOnly(configuredIds: readonly string[]): Reply {
	const who =
		configuredIds.length > 0
			? `the managers configured for this bot (${configuredIds.map(codeSpan).join(", ")})`
			: "the managers configured for this bot, and none are yet (KUBECOACH_MANAGERS)";
	return {
		text: `Sorry, participation reports are only for managers. Who can see them: ${who}. Your own figures: \`/quiz mine\`.`,
		visibility: "private",
	};
}
