/** `/course` at its edges: the last episode, resume on a running course, zones and quotes, a race with the schedule. */
import { describe, expect, it } from "vitest";
import { dropNextEpisode } from "../../src/channel-course/episode-drop.ts";
import { ADMIN, makeWorld } from "./harness.ts";

const CH = "slack:T1:CEDGE";
const MINUTE = 60_000;

describe("/course skip at the last episode", () => {
	it("says the course is over (not 'Episode 11 comes next') and the course-complete message follows", async () => {
		const world = makeWorld({ start: "2026-01-01T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, '/course start "every day at 09:00" UTC');
		for (let i = 0; i < 9; i++) await world.say(CH, ADMIN, "/course next");
		const [skipped] = await world.say(CH, ADMIN, "/course skip");
		expect(skipped?.text).toBe(
			"Skipped Episode 10; that was the last one, so the course-complete message comes once the open quizzes close.",
		);
		expect(skipped?.text).not.toContain("Episode 11");
		const [again] = await world.say(CH, ADMIN, "/course skip");
		expect(again?.text).toBe("There is no episode left to skip.");
		await world.tick("2026-01-01T12:01:00Z");
		expect(world.chat.postsIn(CH, "Course complete")).toHaveLength(1);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(9);
	});
});

describe("/course resume on a course that is not paused", () => {
	it("changes nothing, so a drop that is due but not yet posted still goes out", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		const before = await world.store.getChannel(CH);
		// Monday 09:00 has come, the minute's tick has not run yet (or the bot was down over it).
		world.clock.set("2026-01-05T09:00:20Z");
		const [reply] = await world.say(CH, ADMIN, "/course resume");
		expect(reply?.text).toContain("The course is not paused.");
		expect(await world.store.getChannel(CH)).toEqual(before);
		await world.tick("2026-01-05T09:01:00Z");
		expect(world.chat.postsIn(CH, "New episode").map((p) => p.at.toISOString())).toEqual(["2026-01-05T09:01:00.000Z"]);
	});

	it("after weeks paused, resumes without a flood: one drop at the next Monday, none for the weeks missed", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		await world.tickEvery("2026-01-02T12:00:00Z", "2026-01-05T09:00:00Z", 30 * MINUTE);
		// Paused while Monday's drop is due and the tick has not run yet: it does not go out.
		world.clock.set("2026-01-12T09:00:00Z");
		await world.say(CH, ADMIN, "/course pause");
		await world.tickEvery("2026-01-12T09:00:00Z", "2026-02-10T12:00:00Z", 60 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(1);
		await world.say(CH, ADMIN, "/course resume");
		await world.tickEvery("2026-02-10T12:00:00Z", "2026-02-17T12:00:00Z", 30 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode").map((p) => [p.at.toISOString(), p.reply.header])).toEqual([
			["2026-01-05T09:00:00.000Z", "New episode · Episode 1: Production Mindset"],
			["2026-02-16T09:00:00.000Z", "New episode · Episode 2: Resource Management"],
		]);
	});
});

describe("schedules and zones as typed in /course", () => {
	it("takes a zone alone, double or single quotes, and 'in ZONE'; keeps the zone's own name", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		const [started] = await world.say(CH, ADMIN, "/course start Asia/Kolkata");
		expect(started?.text).toContain("Episode 1 drops Mon, 5 Jan 2026, 09:00 (Asia/Kolkata), then Mondays at 09:00");
		expect(await world.store.getChannel(CH)).toMatchObject({ schedule: "0 9 * * 1", timeZone: "Asia/Kolkata" });

		await world.say(CH, ADMIN, "/course schedule 'weekdays at 9' Asia/Kathmandu");
		expect(await world.store.getChannel(CH)).toMatchObject({ schedule: "0 9 * * 1,2,3,4,5", timeZone: "Asia/Kathmandu" });
		await world.say(CH, ADMIN, '/course schedule "Tuesdays and Thursdays at 14:30" in Australia/Lord_Howe');
		expect(await world.store.getChannel(CH)).toMatchObject({ schedule: "30 14 * * 2,4", timeZone: "Australia/Lord_Howe" });
		await world.say(CH, ADMIN, "/course schedule daily at noon in Europe/Kyiv");
		expect(await world.store.getChannel(CH)).toMatchObject({ schedule: "0 12 * * *", timeZone: "Europe/Kyiv" });
		// A zone alone moves the schedule the channel has.
		const [moved] = await world.say(CH, ADMIN, "/course schedule America/New_York");
		expect(moved?.text).toContain("New schedule: every day at 12:00 (America/New_York).");
		expect(await world.store.getChannel(CH)).toMatchObject({ schedule: "0 12 * * *", timeZone: "America/New_York" });
	});

	it("says there are no recall quizzes rather than an empty list", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [] } });
		const [started] = await world.say(CH, ADMIN, "/course start");
		expect(started?.text).toContain("No recall quizzes follow the drops.");
		const [status] = await world.say(CH, ADMIN, "/course status");
		expect(status?.text).toContain("No recall quizzes follow the drops.");
		expect(status?.text).not.toContain("Recall quizzes  after");
	});
});

describe("/course next racing the scheduled drop", () => {
	// Both orders of arrival: the command or the tick reads the channel first; exactly one posts.
	it.each([["the command first"], ["the tick first"]])("posts the episode once when %s", async (order) => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		world.clock.set("2026-01-05T09:00:00Z");
		const command = () => world.say(CH, ADMIN, "/course next");
		const tick = async () => {
			await world.tick("2026-01-05T09:00:00Z");
			return [];
		};
		const [first, second] = await Promise.all(order === "the command first" ? [command(), tick()] : [tick(), command()]);
		const replies = [...first, ...second];
		await world.tickEvery("2026-01-05T09:00:00Z", "2026-01-11T12:00:00Z", 30 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode").map((p) => p.reply.header)).toEqual(["New episode · Episode 1: Production Mindset"]);
		expect((await world.store.getChannel(CH))?.nextEpisode).toBe(2);
		// When the schedule won, the admin is told so, not that posting failed.
		for (const reply of replies)
			expect(reply.text).toBe("Episode 1 went out just now (its scheduled drop or another admin); see `/course status`.");
	});
});

describe("pausing while a tick is under way", () => {
	it("does not drop in a channel paused after the scheduler read it, but an admin's /course next still posts", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		world.clock.set("2026-01-05T09:00:00Z");
		const stale = await world.store.getChannel(CH);
		if (!stale) throw new Error("channel not saved");
		await world.say(CH, ADMIN, "/course pause");
		// The scheduler holds the settings it read before the pause.
		expect(await dropNextEpisode(world.study, stale, new Date("2026-01-05T09:00:00Z"))).toBe("taken");
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(0);
		await world.say(CH, ADMIN, "/course next");
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(1);
	});
});
