/** bin/start.ts picks the chat adapters from the configuration: every configured platform, else the console. */

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { chosenFactories, createChatAdapters } from "../../bin/chat-adapters.ts";
import type { ChatAdapter, ChatAdapterDeps, ChatAdapterFactory } from "../../src/chat/chat-adapter.ts";
import type { Platform } from "../../src/chat/chat-ids.ts";
import { parseConfig } from "../../src/config.ts";
import { systemClock } from "../../src/ports/clock.ts";
import { silentLogger } from "../../src/ports/logger.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { RecordingChat } from "../fakes/recording-chat.ts";

function fakeFactory(platform: Platform, enabled: boolean): ChatAdapterFactory & { port: RecordingChat } {
	const port = new RecordingChat();
	return {
		platform,
		port,
		configured: () => enabled,
		create(): ChatAdapter {
			return {
				platform,
				post: (channelId, reply, options) => port.post(channelId, reply, options),
				findPost: (channelId, itemKey, since) => port.findPost(channelId, itemKey, since),
				update: (channelId, ref, reply) => port.update(channelId, ref, reply),
				start: async () => {},
				ended: new Promise(() => {}),
				stop: async () => {},
			};
		},
	};
}

describe("choosing the chat adapters", () => {
	const config = parseConfig({});

	it("runs the console when no platform is configured", () => {
		expect(chosenFactories(config, [fakeFactory("slack", false), fakeFactory("discord", false)]).map((f) => f.platform)).toEqual([
			"console",
		]);
	});

	it("runs every configured platform, several in one process, and posts to each by the channel's platform", async () => {
		const slack = fakeFactory("slack", true);
		const discord = fakeFactory("discord", true);
		const chosen = chosenFactories(config, [slack, discord]);
		expect(chosen.map((f) => f.platform)).toEqual(["slack", "discord"]);
		const deps: ChatAdapterDeps = {
			config,
			logger: silentLogger,
			clock: systemClock,
			store: new MemoryStore(),
			coordinator: new MemoryRunCoordinator(),
			terminal: { input: new PassThrough(), output: { write: () => true }, interactive: false },
			dataDir: "/nonexistent",
		};
		const { adapters, chat } = await createChatAdapters(chosen, deps);
		expect(adapters.map((a) => a.platform)).toEqual(["slack", "discord"]);
		await chat.post("discord:G1:C1", { text: "drop" });
		await chat.post("slack:T1:C1", { text: "drop" });
		expect(discord.port.calls).toEqual(["post discord:G1:C1"]);
		expect(slack.port.calls).toEqual(["post slack:T1:C1"]);
	});
});
