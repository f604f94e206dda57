/**
 * Posting through the real Slack adapter while the stand-in answers 429 with Retry-After (a storm,
 * and its own one-message-per-interval rule) and 500/503: every post is delivered exactly once, in
 * order within each channel. Latency and jitter on the stand-in let calls overtake one another
 * where the adapter does not keep them in line.
 */
import { afterAll, describe, expect, it } from "vitest";
import { type SlackWorld, startSlackWorld } from "../slack/harness.ts";

const CHANNELS = 4;
const PER_CHANNEL = 10;

let world: SlackWorld | undefined;
afterAll(async () => {
	await world?.close();
});

describe("the Slack API answering 429 with Retry-After and 5xx", () => {
	it("delivers every post once, in order per channel", async () => {
		world = await startSlackWorld({
			mode: "http",
			standInOptions: { perChannelMs: 100, latencyMs: 5, jitterMs: 20 },
			chatOptions: { perChannelMs: 100, retryConfig: { retries: 6, minTimeout: 0, maxTimeout: 20 } },
		});
		const w = world;
		const channels = Array.from({ length: CHANNELS }, (_, n) => `C0FAULT${n}`);
		// Faults while the posts go out: a storm of 429s (Retry-After: 1 s) at once, then 5xx answers.
		w.standIn.storm(1200, 1);
		const faults = [
			setTimeout(() => w.standIn.fail("chat.postMessage", { status: 503 }, 2), 1300),
			setTimeout(() => w.standIn.fail("chat.postMessage", { status: 500 }, 2), 1700),
			setTimeout(() => w.standIn.fail("chat.postMessage", { status: 502 }, 2), 2100),
		];
		const posts = channels.flatMap((channel) =>
			Array.from({ length: PER_CHANNEL }, (_, n) => w.chat.post(`slack:T0001:${channel}`, { text: `${channel} post ${n + 1}` })),
		);
		await Promise.all(posts);
		for (const fault of faults) clearTimeout(fault);

		const calls = w.standIn.callsOf("chat.postMessage");
		const refused429 = calls.filter((call) => call.status === 429).length;
		const refused5xx = calls.filter((call) => call.status >= 500).length;
		let delivered = 0;
		let duplicates = 0;
		for (const channel of channels) {
			const texts = w.standIn.messagesIn(channel).map((m) => m.text);
			delivered += texts.length;
			duplicates += texts.length - new Set(texts).size;
			expect(texts).toEqual(Array.from({ length: PER_CHANNEL }, (_, n) => `${channel} post ${n + 1}`));
		}
		console.log(
			`reliability/slack-faults: ${CHANNELS * PER_CHANNEL} posts, ${delivered} delivered, ${duplicates} duplicates, ` +
				`out of order: 0; Slack answered ${refused429} x 429 and ${refused5xx} x 5xx`,
		);
		expect(delivered).toBe(CHANNELS * PER_CHANNEL);
		expect(refused429).toBeGreaterThan(0);
		expect(refused5xx).toBeGreaterThan(0);
	});
});
