/**
 * The ChatPort contract (src/ports/chat.ts), run against every chat adapter and against a broken
 * fake that must fail each check. A platform adds one subject factory (see chat.console.test.ts).
 */
import { expect } from "vitest";
import { ChannelGoneError, type ChatPort } from "../../src/ports/chat.ts";
import type { Reply } from "../../src/reply.ts";
import type { Check, Closable } from "./contract-checks.ts";

export interface ChatPortSubject extends Closable {
	readonly chat: ChatPort;
	/** A channel the bot may post to. */
	readonly channelId: string;
	/** A channel that is gone: deleted, archived, or the bot removed from it. */
	readonly goneChannelId: string;
	/** The next call fails as the platform fails for a moment (a 500, a dropped connection). */
	failNext(): void;
	/** What the message shows now, as a person reads it; undefined when there is no such message. */
	shown(messageRef: string): Promise<string | undefined>;
	/** How many messages the channel holds now. */
	messageCount(): Promise<number>;
}

const first: Reply = { header: "Alpha quiz", text: "Which *probe* restarts a container?", footer: "0 answers so far" };
const second: Reply = { header: "Bravo reveal", text: "The `livenessProbe` does.", footer: "3 of 4 right" };

export const chatPortChecks: readonly Check<ChatPortSubject>[] = [
	{
		name: "an item posted with its key is found again, or refused a second time: it never shows twice",
		async run({ chat, channelId, messageCount }) {
			const since = new Date(Date.now() - 60_000);
			const key = `${channelId}/item-${Math.random().toString(36).slice(2)}`;
			expect(await chat.findPost(channelId, key, since)).toBeNull();
			await chat.post(channelId, second);
			const ref = await chat.post(channelId, first, { itemKey: key });
			await chat.post(channelId, second, { itemKey: `${key}-other` });
			const before = await messageCount();
			const found = await chat.findPost(channelId, key, since);
			// Found (Slack's metadata, the console), or the platform answers a repeat with the first message (Discord's nonce).
			if (found === null) expect(await chat.post(channelId, first, { itemKey: key })).toBe(ref);
			else expect(found).toBe(ref);
			expect(await messageCount()).toBe(before);
			expect(await chat.findPost(channelId, `${key}-never`, since)).toBeNull();
		},
	},
	{
		name: "post resolves to an opaque reference, another for each message",
		async run({ chat, channelId, shown }) {
			const one = await chat.post(channelId, first);
			const two = await chat.post(channelId, second);
			expect(typeof one === "string" && one.length > 0).toBe(true);
			expect(two).not.toBe(one);
			expect(await shown(one)).toContain("Alpha quiz");
			expect(await shown(two)).toContain("Bravo reveal");
		},
	},
	{
		name: "update replaces what the message shows",
		async run({ chat, channelId, shown }) {
			const ref = await chat.post(channelId, first);
			await chat.update(channelId, ref, second);
			const now = await shown(ref);
			expect(now).toContain("Bravo reveal");
			expect(now).toContain("livenessProbe");
			expect(now).not.toContain("Alpha quiz");
		},
	},
	{
		name: "repeating an update is harmless: no error, the same content, no new message",
		async run({ chat, channelId, shown, messageCount }) {
			const ref = await chat.post(channelId, first);
			const before = await messageCount();
			await chat.update(channelId, ref, second);
			await chat.update(channelId, ref, second);
			expect(await shown(ref)).toContain("Bravo reveal");
			expect(await messageCount()).toBe(before);
		},
	},
	{
		name: "a channel that is gone maps to ChannelGoneError, for post and for update",
		async run({ chat, channelId, goneChannelId }) {
			const ref = await chat.post(channelId, first);
			for (const call of [() => chat.post(goneChannelId, first), () => chat.update(goneChannelId, ref, second)]) {
				const error = await call().then(
					() => undefined,
					(e: unknown) => e,
				);
				expect(error).toBeInstanceOf(ChannelGoneError);
				expect((error as ChannelGoneError).channelId).toBe(goneChannelId);
			}
		},
	},
	{
		name: "other failures are not ChannelGoneError, and the next call works",
		async run({ chat, channelId, failNext, shown }) {
			failNext();
			const error = await chat.post(channelId, first).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(Error);
			expect(error).not.toBeInstanceOf(ChannelGoneError);
			const ref = await chat.post(channelId, second);
			expect(await shown(ref)).toContain("Bravo reveal");
		},
	},
];
