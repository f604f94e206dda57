import type { ChatAdapterFactory } from "../../src/chat/chat-adapter.ts";

/**
 * Slack, enabled by SLACK_BOT_TOKEN: Socket Mode with SLACK_APP_TOKEN, else HTTP mode on the bot's
 * HTTP server (PORT) with SLACK_SIGNING_SECRET. User groups are read only when KUBECOACH_ADMINS
 * names one ("slack:T1:S123"). Bolt loads only when Slack is configured.
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
			userGroups: config.KUBECOACH_ADMINS.some((id) => /^slack:[^:]+:S[A-Z0-9]+$/.test(id)),
		}),
};
