/**
 * Which chat adapters run: every platform the configuration enables, several in one process, and
 * the console when none is. The scheduler's posts reach each through one MultiplexedChat.
 */
import { consoleChatFactory } from "../adapters/console/console-factory.ts";
import { discordChatFactory } from "../adapters/discord/discord-factory.ts";
import { slackChatFactory } from "../adapters/slack/slack-factory.ts";
import type { ChatAdapter, ChatAdapterDeps, ChatAdapterFactory } from "../src/chat/chat-adapter.ts";
import { MultiplexedChat } from "../src/chat/multiplexed-chat.ts";
import type { Config } from "../src/config.ts";

/** The chat platforms besides the console, each enabled by its own configuration (a token). */
export const platformFactories: readonly ChatAdapterFactory[] = [slackChatFactory, discordChatFactory];

export function chosenFactories(
	config: Config,
	factories: readonly ChatAdapterFactory[] = platformFactories,
): readonly ChatAdapterFactory[] {
	const chosen = factories.filter((factory) => factory.configured(config));
	return chosen.length > 0 ? chosen : [consoleChatFactory];
}

export async function createChatAdapters(
	factories: readonly ChatAdapterFactory[],
	deps: ChatAdapterDeps,
): Promise<{ readonly adapters: readonly ChatAdapter[]; readonly chat: MultiplexedChat }> {
	const adapters = await Promise.all(factories.map((factory) => factory.create(deps)));
	return { adapters, chat: new MultiplexedChat(adapters.map((adapter) => ({ platform: adapter.platform, port: adapter }))) };
}
