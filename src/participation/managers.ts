/**
 * The refusal of a report to someone who is not a manager. Who is one is decided by the core's
 * Authorization (src/authorization/authorization.ts, isManager): configured ids (KUBECOACH_MANAGERS:
 * users, Slack user groups, Discord roles) that name the user or one of their groups, and the
 * console's operator.
 */
import { codeSpan } from "../reply/markup.ts";
import type { Reply } from "../reply.ts";

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
