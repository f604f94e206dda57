/**
 * Drops through the jobs in the southern hemisphere and in Lord Howe's half-hour daylight saving,
 * ticking every five minutes across each change: every Sunday's drop once, none skipped.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, makeWorld } from "../study/harness.ts";

const SYDNEY = "slack:T1:CSYD";
const LORD_HOWE = "slack:T1:CLHI";
const FIVE_MINUTES = 300_000;

const dropTimes = (world: ReturnType<typeof makeWorld>, channelId: string) =>
	world.chat.postsIn(channelId, "New episode").map((p) => p.at.toISOString());

describe("Sunday drops in the hour that DST skips or repeats, south of the equator", () => {
	it("April, clocks go back: 02:30 Sydney and 01:45 Lord Howe happen twice that night, each drop once", async () => {
		const world = makeWorld({ start: "2026-03-27T00:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(SYDNEY, ADMIN, '/course start "sundays 2:30" Australia/Sydney');
		await world.say(LORD_HOWE, ADMIN, '/course start "sundays 1:45" Australia/Lord_Howe');
		await world.tickEvery("2026-03-27T00:00:00Z", "2026-04-13T00:00:00Z", FIVE_MINUTES);
		// 5 April: 02:30 AEDT (+11) only, not again at 02:30 AEST (+10).
		expect(dropTimes(world, SYDNEY)).toEqual(["2026-03-28T15:30:00.000Z", "2026-04-04T15:30:00.000Z", "2026-04-11T16:30:00.000Z"]);
		// 5 April: 01:45 at +11 only, not again at +10:30.
		expect(dropTimes(world, LORD_HOWE)).toEqual(["2026-03-28T14:45:00.000Z", "2026-04-04T14:45:00.000Z", "2026-04-11T15:15:00.000Z"]);
	});

	it("October, clocks go forward: 02:30 Sydney and 02:15 Lord Howe do not exist that night, the drops come after the gap", async () => {
		const world = makeWorld({ start: "2026-09-25T00:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(SYDNEY, ADMIN, '/course start "sundays 2:30" Australia/Sydney');
		await world.say(LORD_HOWE, ADMIN, '/course start "sundays 2:15" Australia/Lord_Howe');
		await world.tickEvery("2026-09-25T00:00:00Z", "2026-10-12T00:00:00Z", FIVE_MINUTES);
		// 4 October: 03:30 AEDT; Lord Howe's 02:00-02:30 is skipped, so 02:45 (+11).
		expect(dropTimes(world, SYDNEY)).toEqual(["2026-09-26T16:30:00.000Z", "2026-10-03T16:30:00.000Z", "2026-10-10T15:30:00.000Z"]);
		expect(dropTimes(world, LORD_HOWE)).toEqual(["2026-09-26T15:45:00.000Z", "2026-10-03T15:45:00.000Z", "2026-10-10T15:15:00.000Z"]);
		expect(world.chat.posts.some((p) => p.reply.text?.includes("Posted late"))).toBe(false);
	});
});
