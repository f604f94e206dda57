import type { ChatAdapterFactory } from "../../src/chat/chat-adapter.ts";

/**
 * Discord, enabled by DISCORD_TOKEN with DISCORD_APPLICATION_ID (the configuration refuses one
 * without the other); DISCORD_API_URL points REST at a proxy or a stand-in. Interactions are
 * claimed through the shared run coordinator, so that replicas answer each once. The Discord
 * clients (@discordjs/ws, @discordjs/rest) load only when Discord is configured.
 */
export const discordChatFactory: ChatAdapterFactory = {
	platform: "discord",
	configured: (config) => config.DISCORD_TOKEN !== undefined && config.DISCORD_APPLICATION_ID !== undefined,
	async create(deps) {
		const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_API_URL: apiUrl } = deps.config;
		if (token === undefined || applicationId === undefined)
			throw new Error("The Discord adapter needs DISCORD_TOKEN and DISCORD_APPLICATION_ID");
		const { DiscordChat } = await import("./discord-chat.ts");
		return new DiscordChat({
			token,
			applicationId,
			logger: deps.logger,
			coordinator: deps.coordinator,
			...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
			...(apiUrl === undefined ? {} : { apiUrl }),
		});
	},
};
