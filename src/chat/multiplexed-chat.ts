/**
 * One ChatPort over several platforms: the scheduler posts to "slack:T1:C1" and "discord:G1:C2"
 * alike, and each call goes to the adapter of the channel id's platform.
 */
import type { ChatPort, PostOptions } from "../ports/chat.ts";
import type { Reply } from "../reply.ts";
import { type Platform, platformOf } from "./chat-ids.ts";

/**
 * No adapter of the channel's platform runs in this process (the bot was started without it).
 * Transient for the scheduler: the post is retried later rather than the channel paused.
 */
export class ChatPlatformUnavailableError extends Error {
	readonly code = "chat-platform-unavailable";

	constructor(channelId: string) {
		super(`No chat adapter for ${platformOf(channelId) ?? "the platform of"} ${channelId} runs in this process`);
		this.name = "ChatPlatformUnavailableError";
	}
}

export class MultiplexedChat implements ChatPort {
	readonly #ports = new Map<Platform, ChatPort>();

	constructor(ports: readonly { readonly platform: Platform; readonly port: ChatPort }[]) {
		for (const { platform, port } of ports) {
			if (this.#ports.has(platform)) throw new Error(`Two chat adapters for ${platform}`);
			this.#ports.set(platform, port);
		}
	}

	/** True when an adapter of the channel's platform runs here. */
	serves(channelId: string): boolean {
		const platform = platformOf(channelId);
		return platform !== undefined && this.#ports.has(platform);
	}

	async post(channelId: string, reply: Reply, options?: PostOptions): Promise<string> {
		return this.#portOf(channelId).post(channelId, reply, options);
	}

	async findPost(channelId: string, itemKey: string, since: Date): Promise<string | null> {
		return this.#portOf(channelId).findPost(channelId, itemKey, since);
	}

	async update(channelId: string, messageRef: string, reply: Reply): Promise<void> {
		return this.#portOf(channelId).update(channelId, messageRef, reply);
	}

	#portOf(channelId: string): ChatPort {
		const platform = platformOf(channelId);
		const port = platform === undefined ? undefined : this.#ports.get(platform);
		if (!port) throw new ChatPlatformUnavailableError(channelId);
		return port;
	}
}
