/**
 * Every command through the real Bolt app against the Web API stand-in, in both modes and with
 * Bolt's production setting (processBeforeResponse false) as well as true: what the person sees
 * in the acknowledgement, then what follows through response_url, chat.postMessage (threads,
 * files v2) and chat.postEphemeral. A 200 from Bolt's receiver means the acknowledgement came
 * within its 3-second timer (it answers 404 otherwise).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ChannelSettings } from "../../src/ports/store.ts";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { ADMIN_USER, CHANNEL, type Mode, type SlackWorld, startSlackWorld } from "./harness.ts";
import { readBlocks } from "./read-blocks.ts";
import { blocksProblem } from "./stand-in/block-kit-rules.ts";

interface AckBody {
	readonly response_type?: string;
	readonly text?: string;
	readonly blocks?: readonly unknown[];
}

const setups: readonly { readonly mode: Mode; readonly processBeforeResponse: boolean }[] = [
	{ mode: "http", processBeforeResponse: false },
	{ mode: "http", processBeforeResponse: true },
	{ mode: "socket", processBeforeResponse: false },
];

let world: SlackWorld | undefined;
afterEach(async () => {
	await world?.close();
	world = undefined;
});

/** The acknowledgement as Slack shows it: its visibility and text. */
function ack(body: unknown): { readonly visibility: string; readonly text: string; readonly ids: (string | undefined)[] } {
	const { response_type, blocks = [] } = (body ?? {}) as AckBody;
	expect(blocksProblem(blocks, 50)).toBeUndefined();
	const read = readBlocks(blocks);
	return { visibility: response_type ?? "none", text: read.text, ids: read.buttons.map((b) => decodeButtonId(b.id)?.action) };
}

/** Ephemeral messages a user got, as text, oldest first. */
const ephemeralsOf = (w: SlackWorld, user: string) =>
	w.standIn.ephemerals.filter((e) => e.user === user).map((e) => readBlocks(e.blocks).text);

for (const { mode, processBeforeResponse } of setups) {
	describe(`Slack commands, ${mode} mode, processBeforeResponse ${processBeforeResponse}`, () => {
		const start = async (options: Parameters<typeof startSlackWorld>[0] = { mode }) => {
			world = await startSlackWorld({ ...options, mode, processBeforeResponse });
			return world;
		};

		it("/kubecoach explain OOMKilled and /explain answer in the channel, with buttons that carry the core's ids", async () => {
			const w = await start();
			const entry = await w.command("/kubecoach", "explain OOMKilled");
			expect(entry.status).toBe(200);
			const answer = ack(entry.body);
			expect(answer.visibility).toBe("in_channel");
			expect(answer.text).toMatch(/^OOMKilled\nThe termination reason Kubernetes reports/);
			expect(answer.text).toContain("Exit Code 137");
			expect(answer.ids).toEqual(["quiz", "explain-more"]);
			const short = ack((await w.command("/explain", "why is my pod pending")).body);
			expect(short.visibility).toBe("in_channel");
			expect(short.text).toContain("Pending");
		});

		it("/kubecoach alone and an unknown command answer privately with the help", async () => {
			const w = await start();
			const help = ack((await w.command("/kubecoach", "")).body);
			expect(help.visibility).toBe("ephemeral");
			expect(help.text).toContain("kubecoach commands");
			expect(help.text).toContain("/readiness NAMESPACE");
			const unknown = ack((await w.command("/kubecoach", "frobnicate the cluster")).body);
			expect(unknown.text).toContain("I don't know `/frobnicate`");
		});

		it("/readiness --demo says it is checking at once, then posts the summary, its details in a thread and the full report as a file there", async () => {
			const w = await start();
			const sent = await w.command("/readiness", "--demo", { user: "U0ONCALL" });
			expect(ack(sent.body)).toMatchObject({ visibility: "ephemeral", text: "Checking the demo namespace ..." });
			await w.standIn.until(() => [...w.standIn.files.values()].some((file) => file.channel === CHANNEL), 10_000, "the report's file");
			const [summary, ...thread] = w.standIn.messagesIn(CHANNEL);
			expect(readBlocks(summary?.blocks ?? []).text).toMatch(/^Readiness of demo: \d+\/100/);
			expect(summary?.threadTs).toBeUndefined();
			expect(thread.length).toBeGreaterThan(1);
			for (const reply of thread) expect(reply.threadTs).toBe(summary?.ts);
			expect(thread.map((reply) => readBlocks(reply.blocks).text.split("\n")[0])).toContain("Top failures");
			const file = [...w.standIn.files.values()].find((f) => f.channel === CHANNEL);
			expect(file).toMatchObject({ filename: "readiness-demo.txt", threadTs: summary?.ts, title: "Full readiness report of demo" });
			expect(file?.bytes?.toString()).toContain("Deployment/");
		});

		it("/readiness NS without a cluster says privately how to connect one", async () => {
			const w = await start();
			const sent = ack((await w.command("/readiness", "payments")).body);
			expect(sent.visibility).toBe("ephemeral");
			expect(sent.text).toMatch(/^No cluster connected\nNo cluster is connected to this bot/);
		});

		it("/course start (an admin) in the channel, /course status privately, /course pause refused to someone else", async () => {
			const w = await start();
			const started = ack((await w.command("/course", "start", { user: ADMIN_USER })).body);
			expect(started.visibility).toBe("in_channel");
			expect(started.text).toContain("Kubernetes Production Mastery starts here");
			const status = ack((await w.command("/course", "status")).body);
			expect(status).toMatchObject({ visibility: "ephemeral" });
			expect(status.text).toContain("Next: Episode 1 of 10");
			const refused = ack((await w.command("/course", "pause", { user: "U0OTHER" })).body);
			expect(refused.visibility).toBe("ephemeral");
			expect(refused.text).toMatch(/admin/i);
			expect((await w.store.getChannel(`slack:T0001:${CHANNEL}`))?.paused).toBe(false);
		});

		it("/quiz posts a quiz with option buttons in the channel; /quiz me and /quiz mine answer privately", async () => {
			const w = await start();
			const sent = await w.command("/quiz", "2");
			expect(sent.status).toBe(200);
			const [quiz] = w.standIn.messagesIn(CHANNEL);
			const read = readBlocks(quiz?.blocks ?? []);
			expect(read.text).toMatch(/^Recall quiz · Episode 2/);
			expect(read.buttons.map((b) => decodeButtonId(b.id)?.action)).toEqual(["quiz-post", "quiz-post", "quiz-post", "quiz-post"]);
			expect(ack((await w.command("/quiz", "me")).body).text).toContain("Nothing is due for review");
			const mine = ack((await w.command("/quiz", "mine")).body);
			expect(mine.visibility).toBe("ephemeral");
			expect(mine.text).toContain("Your progress in this channel");
		});

		it("an @mention is answered in its thread, a private answer as an ephemeral there", async () => {
			const w = await start();
			await w.command("/course", "start", { user: ADMIN_USER });
			const mention = await w.event({
				type: "app_mention",
				user: "U0ASK",
				channel: CHANNEL,
				ts: "1700000500.000200",
				text: `<@${w.standIn.botUserId}> explain OOMKilled`,
			});
			expect(mention.status).toBe(200);
			await w.standIn.until(() => w.standIn.messagesIn(CHANNEL).some((m) => m.threadTs === "1700000500.000200"));
			const answer = w.standIn.messagesIn(CHANNEL).find((m) => m.threadTs === "1700000500.000200");
			expect(readBlocks(answer?.blocks ?? []).text).toMatch(/^OOMKilled\n/);
			await w.event({
				type: "app_mention",
				user: "U0ASK",
				channel: CHANNEL,
				ts: "1700000600.000300",
				text: `<@${w.standIn.botUserId}> course pause`,
			});
			await w.standIn.until(() => w.standIn.ephemerals.some((e) => e.threadTs === "1700000600.000300"));
			const refusal = w.standIn.ephemerals.find((e) => e.threadTs === "1700000600.000300");
			expect(refusal).toMatchObject({ user: "U0ASK", channel: CHANNEL, via: "chat.postEphemeral" });
		});

		it("a command the core cannot answer within the deadline is acknowledged with 'working on it', and the answer follows", async () => {
			let slow = false;
			class SlowStore extends MemoryStore {
				override async getChannel(channelId: string): Promise<ChannelSettings | null> {
					if (slow) await new Promise((resolve) => setTimeout(resolve, 3500));
					return super.getChannel(channelId);
				}
			}
			const w = await start({ mode, store: new SlowStore() });
			await w.command("/course", "start", { user: ADMIN_USER });
			slow = true;
			const sent = await w.command("/course", "status", { user: "U0WAIT" });
			expect(sent.status).toBe(200);
			expect(ack(sent.body)).toMatchObject({ visibility: "ephemeral", text: "Working on it: the answer follows in a moment." });
			await w.standIn.until(() => ephemeralsOf(w, "U0WAIT").length > 0, 8000);
			expect(ephemeralsOf(w, "U0WAIT")[0]).toContain("Next: Episode 1 of 10");
		});
	});
}
