import type { ChatAdapterFactory } from "../../src/chat/chat-adapter.ts";
import type { Config } from "../../src/config.ts";

/**
 * Slack, enabled by SLACK_BOT_TOKEN: Socket Mode with SLACK_APP_TOKEN, else HTTP mode on the bot's
 * HTTP server (PORT) with SLACK_SIGNING_SECRET. User groups are read only when the admins, the
 * managers or a grant of the policy name one ("slack:T1:S123") or a pattern that may match one.
 * Bolt loads only when Slack is configured.
 */
export const slackChatFactory: ChatAdapterFactory = {
	platform: "slack",
	configured: (config) => config.SLACK_BOT_TOKEN !== undefined,
	create: async ({ config, logger, coordinator, http, metrics }) =>
		(await import("./slack-chat.ts")).SlackChat.open({
			token: config.SLACK_BOT_TOKEN ?? "",
			...(config.SLACK_APP_TOKEN === undefined ? {} : { appToken: config.SLACK_APP_TOKEN }),
			...(config.SLACK_SIGNING_SECRET === undefined ? {} : { signingSecret: config.SLACK_SIGNING_SECRET }),
			...(config.SLACK_API_URL === undefined ? {} : { apiUrl: config.SLACK_API_URL }),
			...(http === undefined ? {} : { http }),
			...(metrics === undefined ? {} : { metrics }),
			logger,
			coordinator,
			userGroups: namesSlackGroups(config),
		}),
};

/** True when a configured id is a Slack user group, or a pattern (`*`) that may match one. */
export function namesSlackGroups(config: Config): boolean {
	const ids = [...config.KUBECOACH_ADMINS, ...config.KUBECOACH_MANAGERS, ...(config.policy?.readiness.flatMap((grant) => grant.who) ?? [])];
	return ids.some((id) => /^slack:[^:]+:S[A-Z0-9]+$/.test(id) || (id.includes("*") && (id === "*" || id.startsWith("slack:"))));
}
