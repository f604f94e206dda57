/**
 * What goes wrong in production, through the real client and the stand-in: a dropped gateway
 * connection resumed without answering anything twice (also when Discord redelivers, also with
 * two replicas on one gateway), a 429 waited out as Discord asks, a deleted channel or a lost
 * permission pausing that channel's course once, and a token Discord refuses stopping start-up
 * with one line.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DiscordChat } from "../../adapters/discord/discord-chat.ts";
import { AdapterStartError } from "../../src/chat/chat-adapter.ts";
import type { ChatRouter } from "../../src/router/command.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { ADMIN_ROLE, coreChannel, type DiscordWorld, OTHER_CHANNEL, STUDY_CHANNEL, shownText, startDiscordWorld, user } from "./harness.ts";
import { APP_ID, DiscordStandIn, TOKEN } from "./stand-in/discord-stand-in.ts";

const STRING = 3;
const SUBCOMMAND = 1;

const worlds: DiscordWorld[] = [];
const standIns: DiscordStandIn[] = [];
afterEach(async () => {
	for (const world of worlds.splice(0)) await world.close();
	for (const standIn of standIns.splice(0)) await standIn.close();
});

async function world(options: Parameters<typeof startDiscordWorld>[0] = {}): Promise<DiscordWorld> {
	const started = await startDiscordWorld(options);
	worlds.push(started);
	return started;
}

const explain = (w: DiscordWorld, n: number) =>
	w.standIn.command(w.where(user(n)), "explain", [{ name: "question", type: STRING, value: "CrashLoopBackOff" }]);
const callbacksFor = (standIn: DiscordStandIn, id: string) => standIn.calls.filter((c) => c.path.startsWith(`/interactions/${id}/`)).length;

describe("the gateway connection", () => {
	it("is resumed after a drop (RESUME with the session and the last sequence), and what was dispatched meanwhile is answered once", async () => {
		const w = await world({ standIn: { heartbeatIntervalMs: 300 } });
		const first = explain(w, 1);
		await w.standIn.until(() => first.callback !== undefined);
		const session = w.standIn.gateway.sessions[0];
		const seqBefore = session?.seq ?? 0;
		w.standIn.gateway.drop();
		// Dispatched while the connection is down: kept for the session's RESUME.
		const meanwhile = explain(w, 2);
		await w.standIn.until(() => meanwhile.callback !== undefined, 10_000, "the interaction to be answered after the resume");
		const resume = w.standIn.gateway.frames.find((frame) => frame.op === 6);
		expect(resume?.d).toMatchObject({ token: TOKEN, session_id: session?.id, seq: seqBefore });
		expect(w.standIn.gateway.frames.filter((frame) => frame.op === 2)).toHaveLength(1);
		expect(w.standIn.gateway.connections.length).toBeGreaterThanOrEqual(2);
		expect(callbacksFor(w.standIn, first.id)).toBe(1);
		expect(callbacksFor(w.standIn, meanwhile.id)).toBe(1);
		expect(meanwhile.refused).toEqual([]);
		expect(w.logger.lines.join("\n")).toContain("session resumed");
	});

	it("heartbeats with the last sequence; a connection whose heartbeats go unacknowledged is given up and resumed", async () => {
		const w = await world({ standIn: { heartbeatIntervalMs: 200 } });
		await w.standIn.until(() => w.standIn.gateway.frames.filter((f) => f.op === 1).length >= 2, 5000, "two heartbeats");
		const session = w.standIn.gateway.sessions[0];
		expect(w.standIn.gateway.frames.filter((f) => f.op === 1).at(-1)?.d).toBe(session?.seq);
		w.standIn.gateway.ackHeartbeats = false;
		await w.standIn.until(() => w.standIn.gateway.frames.some((f) => f.op === 6), 5000, "a RESUME");
		w.standIn.gateway.ackHeartbeats = true;
		const after = explain(w, 9);
		await w.standIn.until(() => after.callback !== undefined, 10_000, "an answer after the resume");
		expect(w.standIn.gateway.frames.filter((f) => f.op === 2)).toHaveLength(1);
	});

	it("answers an interaction Discord delivers twice only once", async () => {
		const w = await world();
		const interaction = explain(w, 3);
		await w.standIn.until(() => interaction.callback !== undefined);
		w.standIn.gateway.redeliver(1);
		const after = explain(w, 4);
		await w.standIn.until(() => after.callback !== undefined);
		expect(callbacksFor(w.standIn, interaction.id)).toBe(1);
		expect(interaction.refused).toEqual([]);
	});

	it("with two replicas on one gateway sharing a coordinator, each interaction is answered by one of them", async () => {
		const coordinator = new MemoryRunCoordinator();
		const one = await world({ coordinator });
		const two = await world({ coordinator, sharedStandIn: one.standIn });
		expect(one.standIn.gateway.sessions).toHaveLength(2);
		const interactions = [1, 2, 3, 4, 5, 6].map((n) => explain(one, n));
		await one.standIn.until(() => interactions.every((i) => i.callback !== undefined), 10_000, "six answers");
		await new Promise((resolve) => setTimeout(resolve, 200));
		for (const interaction of interactions) {
			expect(callbacksFor(one.standIn, interaction.id)).toBe(1);
			expect(interaction.refused).toEqual([]);
		}
		expect(two.standIn).toBe(one.standIn);
	});
});

describe("rate limits", () => {
	it("a 429 on a post is waited out for its retry_after, then the post goes through, once", async () => {
		const w = await world();
		w.standIn.rateLimitNext("POST", new RegExp(`^/channels/${OTHER_CHANNEL}/messages$`), { retryAfterS: 0.5 });
		const ref = await w.chat.post(coreChannel(OTHER_CHANNEL), {
			header: "Episode drop",
			text: "Probes keep *traffic* away from pods that are not ready.",
		});
		const posts = w.standIn.calls.filter((c) => c.method === "POST" && c.path === `/channels/${OTHER_CHANNEL}/messages`);
		expect(posts.map((c) => c.status)).toEqual([429, 200]);
		expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(450);
		expect(w.standIn.messages(OTHER_CHANNEL)).toHaveLength(1);
		expect(ref).toMatch(new RegExp(`^discord:${OTHER_CHANNEL}:\\d+$`));
		expect(w.logger.lines.join("\n")).toMatch(/rate limit on POST \/channels\/:id\/messages/);
	});

	it("a global 429 holds every request for its retry_after", async () => {
		const w = await world();
		w.standIn.rateLimitNext("POST", new RegExp(`^/channels/${OTHER_CHANNEL}/messages$`), { retryAfterS: 0.4, global: true });
		const started = Date.now();
		await w.chat.post(coreChannel(OTHER_CHANNEL), { text: "first" });
		expect(Date.now() - started).toBeGreaterThanOrEqual(350);
		expect(w.standIn.messages(OTHER_CHANNEL).map((m) => m.content)).toEqual(["first"]);
	});
});

describe("a channel the bot can no longer post to", () => {
	it("deleted: the scheduled drop fails once as a gone channel and the course is paused, once", async () => {
		const w = await world({ start: "2026-01-04T12:00:00Z" });
		const start = w.standIn.command(w.where(user(1), { roles: [ADMIN_ROLE], channel: OTHER_CHANNEL }), "course", [
			{ name: "start", type: SUBCOMMAND, options: [{ name: "schedule", type: STRING, value: "mondays 9:00" }] },
		]);
		await w.standIn.until(() => start.callback !== undefined);
		w.standIn.deleteChannel(OTHER_CHANNEL);
		await w.tick("2026-01-05T09:00:00Z");
		await w.tick("2026-01-05T09:01:00Z");
		await w.tick("2026-01-12T09:00:00Z");
		const channel = await w.store.getChannel(coreChannel(OTHER_CHANNEL));
		expect(channel?.paused).toBe(true);
		const paused = w.logger.lines.filter((line) => line.includes("Paused the course"));
		expect(paused).toHaveLength(1);
		expect(paused[0]).toContain("the channel was deleted (Unknown Channel), Discord code 10003");
		expect(
			w.standIn.calls.filter((c) => c.method === "POST" && c.path === `/channels/${OTHER_CHANNEL}/messages`).map((c) => c.status),
		).toEqual([404]);
	});

	it("a lost permission (50013) or lost access (50001) is a gone channel too, for posts and for edits", async () => {
		const w = await world();
		const ref = await w.chat.post(coreChannel(STUDY_CHANNEL), { text: "count: 0" });
		w.standIn.forbid(STUDY_CHANNEL, 50013);
		await expect(w.chat.update(coreChannel(STUDY_CHANNEL), ref, { text: "count: 1" })).rejects.toMatchObject({
			code: "channel-gone",
			channelId: coreChannel(STUDY_CHANNEL),
		});
		w.standIn.forbid(STUDY_CHANNEL, 50001);
		await expect(w.chat.post(coreChannel(STUDY_CHANNEL), { text: "hello" })).rejects.toMatchObject({ code: "channel-gone" });
	});
});

describe("start-up", () => {
	const router: ChatRouter = {
		commands: [],
		handleText: async () => ({ replies: [] }),
		handleCommand: async () => ({ replies: [] }),
		handleAction: async () => ({ replies: [] }),
	};

	async function startWith(token: string, applicationId = APP_ID, refuseIdentify = false): Promise<unknown> {
		const standIn = await DiscordStandIn.start();
		standIns.push(standIn);
		standIn.gateway.refuseIdentify = refuseIdentify;
		const chat = new DiscordChat({
			token,
			applicationId,
			apiUrl: standIn.api,
			logger: new RecordingLogger(),
			coordinator: new MemoryRunCoordinator(),
			retries: 0,
		});
		try {
			await chat.start(router);
			await chat.stop();
			return undefined;
		} catch (error) {
			await chat.stop();
			return error;
		}
	}

	it("stops with one line when Discord refuses the token on /gateway/bot (401)", async () => {
		const error = await startWith("not-the-token");
		expect(error).toBeInstanceOf(AdapterStartError);
		const message = (error as Error).message;
		expect(message).toContain("Discord refused DISCORD_TOKEN (401 Unauthorized on /gateway/bot)");
		expect(message).not.toContain("not-the-token");
		expect(message.split("\n")).toHaveLength(1);
	});

	it("stops with one line when the gateway closes with 4004 (authentication failed)", async () => {
		const error = await startWith(TOKEN, APP_ID, true);
		expect(error).toBeInstanceOf(AdapterStartError);
		expect((error as Error).message).toContain("4004 (Authentication failed)");
		expect((error as Error).message).not.toContain(TOKEN);
	});

	it("stops with one line when DISCORD_APPLICATION_ID is another application's", async () => {
		const error = await startWith(TOKEN, "119999999999999999");
		expect((error as Error).message).toContain(`DISCORD_TOKEN belongs to application ${APP_ID}`);
	});

	it("stops with one line when nothing answers at DISCORD_API_URL", async () => {
		const chat = new DiscordChat({
			token: TOKEN,
			applicationId: APP_ID,
			apiUrl: "http://127.0.0.1:9/api",
			logger: new RecordingLogger(),
			coordinator: new MemoryRunCoordinator(),
			retries: 0,
		});
		const error = await chat.start(router).then(
			() => undefined,
			(e: unknown) => e,
		);
		await chat.stop();
		expect(error).toBeInstanceOf(AdapterStartError);
		expect((error as Error).message).toMatch(/^Could not connect to Discord at http:\/\/127\.0\.0\.1:9\/api: ECONNREFUSED/);
	});
});

describe("what a channel shows", () => {
	it("never pings anyone, whatever the text says", async () => {
		const w = await world();
		await w.chat.post(coreChannel(STUDY_CHANNEL), { text: "@everyone look, <@150000000000000001> and <@&140000000000000001>" });
		const post = w.standIn.calls.filter((c) => c.method === "POST" && c.path === `/channels/${STUDY_CHANNEL}/messages`).at(-1);
		expect((post?.body as { allowed_mentions?: unknown } | undefined)?.allowed_mentions).toEqual({ parse: [] });
		const shown = w.standIn.messages(STUDY_CHANNEL).at(-1);
		expect(shown?.content).toContain("\\<@150000000000000001\\>");
		expect(shownText(shown ?? { content: "", embeds: [] })).toContain("<@150000000000000001>");
	});
});
