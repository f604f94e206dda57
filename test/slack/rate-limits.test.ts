/**
 * Posting under Slack's rate limits: about one message per second per channel (the stand-in
 * refuses a faster one with 429), a storm of 429s honoured through @slack/web-api's own retry
 * policy with nothing lost and nothing posted twice, response_url's 5 uses respected, and failures
 * logged with the method and error code, never a secret.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Delivery } from "../../adapters/slack/delivery.ts";
import { ResponseUrls } from "../../adapters/slack/response-urls.ts";
import { SlackApi } from "../../adapters/slack/slack-api.ts";
import { ChannelGoneError } from "../../src/ports/chat.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { SECRET, type SlackWorld, startSlackWorld } from "./harness.ts";
import { readBlocks } from "./read-blocks.ts";
import { SlackStandIn } from "./stand-in/slack-stand-in.ts";

const channelId = (channel: string) => `slack:T0001:${channel}`;
let world: SlackWorld | undefined;
afterEach(async () => {
	await world?.close();
	world = undefined;
});

describe("Slack rate limits", () => {
	it("paces posts to one channel about a second apart, so the stand-in refuses none, and lets other channels go at once", async () => {
		world = await startSlackWorld({ mode: "http" });
		const w = world;
		const refs = await Promise.all([
			...[1, 2, 3].map((n) => w.chat.post(channelId("C0PACED"), { text: `post ${n}` })),
			...Array.from({ length: 10 }, (_, n) => w.chat.post(channelId(`C0OTHER${n}`), { text: "hello" })),
		]);
		expect(new Set(refs).size).toBe(13);
		const posts = w.standIn.callsOf("chat.postMessage");
		expect(posts.filter((call) => call.status === 429)).toEqual([]);
		const paced = posts.filter((call) => call.params.channel === "C0PACED").map((call) => call.at);
		for (let i = 1; i < paced.length; i++) expect((paced[i] ?? 0) - (paced[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
		expect(w.standIn.messagesIn("C0PACED").map((m) => m.text)).toEqual(["post 1", "post 2", "post 3"]);
	});

	it("rides out a 429 storm as Slack asks (Retry-After), posting every message exactly once", async () => {
		world = await startSlackWorld({ mode: "http", chatOptions: { retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 10 } } });
		const w = world;
		w.standIn.storm(2500, 1);
		const channels = Array.from({ length: 6 }, (_, n) => `C0STORM${n}`);
		await Promise.all(channels.map((channel) => w.chat.post(channelId(channel), { header: "Episode 3", text: `for ${channel}` })));
		const refused = w.standIn.callsOf("chat.postMessage").filter((call) => call.status === 429);
		expect(refused.length).toBeGreaterThan(0);
		// Three retries without waiting would have been spent inside the storm: every post landed because the client waited.
		for (const channel of channels) expect(w.standIn.messagesIn(channel)).toHaveLength(1);
		expect(w.logger.lines.some((line) => /^warn: Slack rate-limited chat\.postMessage: the client waits 1 s/.test(line))).toBe(true);
	});

	it("logs a failing call with its method and error code, never a token or the signing secret, and maps a gone channel", async () => {
		world = await startSlackWorld({ mode: "http" });
		const w = world;
		w.standIn.fail("chat.postMessage", { error: "fatal_error" });
		const failed = await w.chat.post(channelId("C0FAIL"), { text: "x" }).catch((error: unknown) => error);
		expect(failed).toBeInstanceOf(Error);
		expect(failed).not.toBeInstanceOf(ChannelGoneError);
		w.standIn.fail("chat.postMessage", { status: 503 }, 2);
		await w.chat.post(channelId("C0FAIL"), { text: "after two 503s" });
		w.standIn.gone.set("C0GONE", "is_archived");
		expect(await w.chat.post(channelId("C0GONE"), { text: "x" }).catch((error: unknown) => error)).toBeInstanceOf(ChannelGoneError);
		expect(w.logger.lines).toContain("warn: Slack chat.postMessage failed: fatal_error");
		expect(w.logger.lines).toContain("warn: Slack chat.postMessage failed: is_archived");
		expect(w.standIn.messagesIn("C0FAIL").map((m) => m.text)).toEqual(["after two 503s"]);
		for (const line of w.logger.lines) {
			expect(line).not.toContain(w.standIn.botToken);
			expect(line).not.toContain(SECRET);
		}
	});
});

describe("response_url", () => {
	it("takes at most 5 replies per interaction; the rest go as ephemeral messages, none refused", async () => {
		const standIn = await SlackStandIn.start();
		const logger = new RecordingLogger();
		const api = new SlackApi({ token: standIn.botToken, apiUrl: standIn.apiUrl, logger, perChannelMs: 0 });
		const delivery = new Delivery(api, new ResponseUrls(), logger);
		const responseUrl = standIn.responseUrl("C0001", "U0ASK");
		await delivery.deliver(
			{ channel: "C0001", user: "U0ASK", responseUrl },
			Array.from({ length: 7 }, (_, n) => ({ text: `reply ${n + 1}`, visibility: "private" as const })),
		);
		expect(standIn.ephemerals.map((e) => [readBlocks(e.blocks).text, e.via])).toEqual([
			...[1, 2, 3, 4, 5].map((n) => [`reply ${n}`, "response_url"]),
			["reply 6", "chat.postEphemeral"],
			["reply 7", "chat.postEphemeral"],
		]);
		expect(standIn.callsOf("response_url").filter((call) => call.status !== 200)).toEqual([]);
		await standIn.close();
	});

	it("stops using a response_url after 30 minutes", async () => {
		let now = Date.parse("2026-01-05T10:00:00Z");
		const standIn = await SlackStandIn.start({ now: () => now });
		const logger = new RecordingLogger();
		const api = new SlackApi({ token: standIn.botToken, apiUrl: standIn.apiUrl, logger, perChannelMs: 0 });
		const delivery = new Delivery(api, new ResponseUrls(() => now), logger);
		const responseUrl = standIn.responseUrl("C0001", "U0ASK");
		await delivery.deliver({ channel: "C0001", user: "U0ASK", responseUrl }, [{ text: "at once", visibility: "private" }]);
		now += 31 * 60_000;
		await delivery.deliver({ channel: "C0001", user: "U0ASK", responseUrl }, [{ text: "half an hour later", visibility: "private" }]);
		expect(standIn.ephemerals.map((e) => e.via)).toEqual(["response_url", "chat.postEphemeral"]);
		await standIn.close();
	});
});
