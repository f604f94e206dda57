import { describe, expect, it } from "vitest";
import { ADMIN, makeWorld } from "../study/harness.ts";

const BERLIN = "slack:T1:CBERLIN";
const NEW_YORK = "slack:T1:CNYC";
const FIVE_MINUTES = 300_000;

/** The UTC times of the channel's episode drops. */
const dropTimes = (world: ReturnType<typeof makeWorld>, channelId: string) =>
	world.chat.postsIn(channelId, "New episode").map((p) => p.at.toISOString());

describe("drops in two time zones across daylight-saving changes", () => {
	it("spring forward: a daily 02:30 drop happens once on the day 02:30 does not exist (at 03:30), never skipped", async () => {
		const world = makeWorld({ start: "2026-03-04T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(NEW_YORK, ADMIN, '/course start "every day at 02:30" America/New_York');
		world.clock.set("2026-03-24T12:00:00Z");
		await world.say(BERLIN, ADMIN, '/course start "every day at 02:30" Europe/Berlin');
		world.clock.set("2026-03-04T12:00:00Z");
		await world.tickEvery("2026-03-04T12:00:00Z", "2026-04-05T00:00:00Z", FIVE_MINUTES);

		// New York springs forward on 8 March: 02:30 EST is 07:30Z, that day 03:30 EDT is 07:30Z, then 06:30Z.
		expect(dropTimes(world, NEW_YORK)).toEqual([
			"2026-03-05T07:30:00.000Z",
			"2026-03-06T07:30:00.000Z",
			"2026-03-07T07:30:00.000Z",
			"2026-03-08T07:30:00.000Z",
			"2026-03-09T06:30:00.000Z",
			"2026-03-10T06:30:00.000Z",
			"2026-03-11T06:30:00.000Z",
			"2026-03-12T06:30:00.000Z",
			"2026-03-13T06:30:00.000Z",
			"2026-03-14T06:30:00.000Z",
		]);
		// Berlin springs forward on 29 March: 02:30 CET is 01:30Z; that day 03:30 CEST is 01:30Z; then 00:30Z.
		expect(dropTimes(world, BERLIN)).toEqual([
			"2026-03-25T01:30:00.000Z",
			"2026-03-26T01:30:00.000Z",
			"2026-03-27T01:30:00.000Z",
			"2026-03-28T01:30:00.000Z",
			"2026-03-29T01:30:00.000Z",
			"2026-03-30T00:30:00.000Z",
			"2026-03-31T00:30:00.000Z",
			"2026-04-01T00:30:00.000Z",
			"2026-04-02T00:30:00.000Z",
			"2026-04-03T00:30:00.000Z",
		]);
		// Nothing was posted late: each drop went out on the tick at its time.
		expect(world.chat.posts.some((p) => p.reply.text?.includes("Posted late"))).toBe(false);
	});

	it("fall back: a drop in the repeated hour happens once, in its first pass, not twice", async () => {
		const world = makeWorld({ start: "2026-10-21T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(BERLIN, ADMIN, '/course start "every day at 02:30" Europe/Berlin');
		world.clock.set("2026-10-27T12:00:00Z");
		await world.say(NEW_YORK, ADMIN, '/course start "every day at 01:30" America/New_York');
		world.clock.set("2026-10-21T12:00:00Z");
		await world.tickEvery("2026-10-21T12:00:00Z", "2026-11-06T00:00:00Z", FIVE_MINUTES);

		const berlin = dropTimes(world, BERLIN);
		// 25 October: 02:30 CEST (00:30Z) only, not again at 02:30 CET (01:30Z).
		expect(berlin.slice(2, 6)).toEqual([
			"2026-10-24T00:30:00.000Z",
			"2026-10-25T00:30:00.000Z",
			"2026-10-26T01:30:00.000Z",
			"2026-10-27T01:30:00.000Z",
		]);
		expect(new Set(berlin.map((t) => t.slice(0, 10))).size).toBe(berlin.length);
		const newYork = dropTimes(world, NEW_YORK);
		// 1 November: 01:30 EDT (05:30Z) only, not again at 01:30 EST (06:30Z).
		expect(newYork).toContain("2026-11-01T05:30:00.000Z");
		expect(newYork).not.toContain("2026-11-01T06:30:00.000Z");
		expect(newYork.slice(3, 6)).toEqual(["2026-10-31T05:30:00.000Z", "2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"]);
		expect(new Set(newYork.map((t) => t.slice(0, 10))).size).toBe(newYork.length);
	});

	it("keeps a weekly drop at 09:00 local time on both sides of the change", async () => {
		const world = makeWorld({ start: "2026-03-20T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(BERLIN, ADMIN, '/course start "mondays 9:00" Europe/Berlin');
		await world.tickEvery("2026-03-20T12:00:00Z", "2026-04-07T00:00:00Z", FIVE_MINUTES);
		expect(dropTimes(world, BERLIN)).toEqual(["2026-03-23T08:00:00.000Z", "2026-03-30T07:00:00.000Z", "2026-04-06T07:00:00.000Z"]);
	});
});
