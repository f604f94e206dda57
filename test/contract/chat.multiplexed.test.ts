/** MultiplexedChat is a ChatPort too: the contract through it, and its routing by platform. */
import { describe, expect, it } from "vitest";
import { ChatPlatformUnavailableError, MultiplexedChat } from "../../src/chat/multiplexed-chat.ts";
import { RecordingChat } from "../fakes/recording-chat.ts";
import { type ChatPortSubject, chatPortChecks } from "./chat-port.contract.ts";
import { describeContract } from "./contract-checks.ts";

/** The multiplexer over one platform's fake, which keeps what each message shows. */
async function multiplexed(): Promise<ChatPortSubject> {
	const slack = new RecordingChat();
	slack.gone.add("slack:T1:CGONE");
	let failing = false;
	const chat = new MultiplexedChat([{ platform: "slack", port: slack }]);
	slack.failOnce = () => {
		const now = failing;
		failing = false;
		return now;
	};
	const current = (ref: string) => [...slack.posts, ...slack.updates].filter((m) => m.ref === ref).at(-1)?.reply;
	return {
		chat,
		channelId: "slack:T1:C1",
		goneChannelId: "slack:T1:CGONE",
		failNext: () => {
			failing = true;
		},
		shown: async (ref) => {
			const reply = current(ref);
			return reply === undefined ? undefined : `${reply.header ?? ""}\n${reply.text ?? ""}`;
		},
		messageCount: async () => slack.posts.length,
		close: async () => {},
	};
}

describeContract("ChatPort contract: multiplexed chat", chatPortChecks, multiplexed);

describe("multiplexed chat", () => {
	it("sends each post and update to the adapter of the channel id's platform", async () => {
		const slack = new RecordingChat();
		const discord = new RecordingChat();
		const chat = new MultiplexedChat([
			{ platform: "slack", port: slack },
			{ platform: "discord", port: discord },
		]);
		const ref = await chat.post("discord:G1:C2", { text: "drop" });
		await chat.post("slack:T1:C1", { text: "drop" });
		await chat.update("discord:G1:C2", ref, { text: "count" });
		expect(slack.calls).toEqual(["post slack:T1:C1"]);
		expect(discord.calls).toEqual(["post discord:G1:C2", "update discord:G1:C2"]);
	});

	it("fails a channel of a platform that does not run here as transient, not as a gone channel", async () => {
		const chat = new MultiplexedChat([{ platform: "console", port: new RecordingChat() }]);
		await expect(chat.post("slack:T1:C1", { text: "drop" })).rejects.toBeInstanceOf(ChatPlatformUnavailableError);
		await expect(chat.update("teams:X:Y", "ref", { text: "drop" })).rejects.toThrow(/No chat adapter/);
		expect([chat.serves("console:local"), chat.serves("slack:T1:C1"), chat.serves("teams:X:Y")]).toEqual([true, false, false]);
	});

	it("refuses two adapters for one platform", () => {
		expect(
			() =>
				new MultiplexedChat([
					{ platform: "slack", port: new RecordingChat() },
					{ platform: "slack", port: new RecordingChat() },
				]),
		).toThrow("Two chat adapters for slack");
	});
});
