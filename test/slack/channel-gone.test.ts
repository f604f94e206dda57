/**
 * A channel the bot was removed from (deleted, archived, the bot kicked): the scheduled drop maps
 * Slack's error to ChannelGoneError, the core pauses that channel's course once, and nothing more
 * is tried there. An interactive answer in a channel the bot is not in goes to the asker directly.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ADMIN_USER, CHANNEL, type SlackWorld, startSlackWorld } from "./harness.ts";
import { readBlocks } from "./read-blocks.ts";

const CORE_CHANNEL = `slack:T0001:${CHANNEL}`;
let world: SlackWorld | undefined;
afterEach(async () => {
	await world?.close();
	world = undefined;
});

describe("a Slack channel that is gone", () => {
	for (const error of ["channel_not_found", "not_in_channel", "is_archived"]) {
		it(`pauses the channel's course once when Slack answers ${error}`, async () => {
			world = await startSlackWorld({ mode: "http", start: "2026-01-05T08:00:00Z" });
			const w = world;
			await w.command("/course", "start", { user: ADMIN_USER });
			w.standIn.gone.set(CHANNEL, error);
			await w.tick("2026-01-05T09:00:00Z");
			expect((await w.store.getChannel(CORE_CHANNEL))?.paused).toBe(true);
			expect(w.logger.lines.filter((line) => line.startsWith(`warn: Paused the course in ${CORE_CHANNEL}`))).toEqual([
				`warn: Paused the course in ${CORE_CHANNEL}: Channel ${CORE_CHANNEL} cannot be posted to: ${error}. An admin can /course resume it there.`,
			]);
			const attempts = () => w.standIn.callsOf("chat.postMessage").filter((call) => call.params.channel === CHANNEL).length;
			expect(attempts()).toBe(1);
			await w.tick("2026-01-12T09:00:00Z");
			await w.tick("2026-01-19T09:00:00Z");
			expect(attempts()).toBe(1);
		});
	}

	it("sends an answer meant for a channel the bot is not in to the asker directly, saying why", async () => {
		world = await startSlackWorld({ mode: "http" });
		const w = world;
		w.standIn.gone.set(CHANNEL, "not_in_channel");
		await w.command("/readiness", "--demo", { user: "U0ASK" });
		await w.standIn.until(() => [...w.standIn.files.values()].some((file) => file.channel === "D0ASK"), 10_000, "the report in the DM");
		const [summary, ...details] = w.standIn.messagesIn("D0ASK");
		expect(readBlocks(summary?.blocks ?? []).text).toMatch(/^Readiness of demo: \d+\/100/);
		for (const detail of details) expect(detail.threadTs).toBe(summary?.ts);
		const note = w.standIn.ephemerals.find((e) => readBlocks(e.blocks).text.startsWith("I am not a member of this channel"));
		expect(note).toMatchObject({ user: "U0ASK", channel: CHANNEL, via: "response_url" });
		expect((await w.store.getChannel(CORE_CHANNEL))?.paused ?? false).toBe(false);
	});
});
