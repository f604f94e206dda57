import { describe, expect, it } from "vitest";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CDOWN";
const MINUTE = 60_000;

describe("downtime and catch-up", () => {
	it("posts the missed drop once, marked late, then keeps to the schedule; overdue quizzes go out once, late, and stay open", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		await world.tickEvery("2026-01-02T12:00:00Z", "2026-01-05T10:00:00Z", 10 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(1);

		// The bot is down from 5 January 10:00 to 27 January 10:00: three Mondays and every Episode 1 quiz missed.
		await world.tick("2026-01-27T10:00:00Z");
		const drops = world.chat.postsIn(CH, "New episode");
		expect(drops.map((d) => d.reply.header)).toEqual([
			"New episode · Episode 1: Production Mindset",
			"New episode · Episode 2: Resource Management",
		]);
		expect(drops[1]?.reply.text).toContain("Posted late: this was due Mon, 12 Jan 2026, 09:00 (UTC), when I was offline.");
		const quizzes = world.chat.postsIn(CH, "Recall quiz");
		expect(quizzes).toHaveLength(3);
		expect(quizzes.every((q) => q.reply.text?.startsWith("Posted late: this was due"))).toBe(true);
		// Late quizzes stay open their full day from now instead of closing at once.
		const posted = await world.store.listQuizPosts(CH, { from: new Date(0), to: new Date("2026-02-01T00:00:00Z") });
		const episodeOne = posted.filter((p) => p.episode === 1);
		expect(episodeOne.map((p) => p.closesAt.toISOString())).toEqual(Array(3).fill("2026-01-28T10:00:00.000Z"));
		expect(episodeOne.every((p) => p.revealedAt === null)).toBe(true);

		// Running on: no second catch-up; Episode 3 on time the next Monday, Episode 2's quizzes from its real drop time.
		await world.tickEvery("2026-01-27T10:00:00Z", "2026-02-02T09:00:00Z", 10 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(3);
		const third = world.chat.postsIn(CH, "New episode")[2];
		expect(third?.at.toISOString()).toBe("2026-02-02T09:00:00.000Z");
		expect(third?.reply.text).not.toContain("Posted late");
		const episodeTwo = (await world.store.listQuizPosts(CH, { from: new Date(0), to: new Date("2026-03-01T00:00:00Z") })).filter(
			(p) => p.episode === 2,
		);
		expect(episodeTwo.map((p) => p.opensAt.toISOString())).toEqual([
			"2026-01-28T10:00:00.000Z",
			"2026-01-30T10:00:00.000Z",
			"2026-02-03T10:00:00.000Z",
		]);
		// Episode 1's three late quizzes and the first two of Episode 2 have closed since.
		expect(world.chat.updates.filter((u) => u.reply.header?.startsWith("Quiz closed"))).toHaveLength(5);
	});

	it("does not catch up what was missed while paused", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		await world.say(CH, ADMIN, "/course pause");
		await world.tickEvery("2026-01-02T12:00:00Z", "2026-01-20T12:00:00Z", 30 * MINUTE);
		expect(world.chat.posts).toHaveLength(0);
		await world.say(CH, ADMIN, "/course resume");
		await world.tickEvery("2026-01-20T12:00:00Z", "2026-01-26T08:30:00Z", 30 * MINUTE);
		expect(world.chat.posts).toHaveLength(0);
		await world.tick("2026-01-26T09:00:00Z");
		expect(world.chat.postsIn(CH, "New episode").map((p) => p.at.toISOString())).toEqual(["2026-01-26T09:00:00.000Z"]);
	});
});

describe("a channel that is gone", () => {
	it("is paused with a log line at the first failed post and not tried again", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		const other = "slack:T1:CALIVE";
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		await world.say(other, ADMIN, '/course start "mondays 9:00" UTC');
		world.chat.gone.add(CH);
		await world.tickEvery("2026-01-02T12:00:00Z", "2026-02-10T00:00:00Z", 30 * MINUTE);
		expect(world.chat.calls.filter((c) => c === `post ${CH}` || c === `update ${CH}`)).toEqual([`post ${CH}`]);
		expect((await world.store.getChannel(CH))?.paused).toBe(true);
		const warnings = world.logger.lines.filter((l) => l.startsWith("warn:"));
		expect(warnings).toEqual([
			`warn: Paused the course in ${CH}: Channel ${CH} cannot be posted to: channel_not_found. An admin can /course resume it there.`,
		]);
		// The other channel carried on.
		expect(world.chat.postsIn(other, "New episode")).toHaveLength(6);
	});

	it("is paused when it disappears between a drop and its quiz", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		await world.tickEvery("2026-01-02T12:00:00Z", "2026-01-05T12:00:00Z", 30 * MINUTE);
		world.chat.gone.add(CH);
		await world.tickEvery("2026-01-05T12:00:00Z", "2026-02-10T00:00:00Z", 30 * MINUTE);
		expect(world.chat.calls.filter((c) => c.endsWith(CH))).toEqual([`post ${CH}`, `post ${CH}`]);
		expect((await world.store.getChannel(CH))?.paused).toBe(true);
		expect(world.logger.lines.filter((l) => l.startsWith("warn:"))).toHaveLength(1);
	});
});

describe("the course-complete message", () => {
	it("is claimed before it is posted: a post that fails is logged, never sent twice", async () => {
		const world = makeWorld({ start: "2026-01-01T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, '/course start "every day at 09:00" UTC');
		world.chat.failOnce = (reply) => reply.header?.startsWith("Course complete") ?? false;
		await world.tickEvery("2026-01-01T12:00:00Z", "2026-01-14T09:00:00Z", 30 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(10);
		expect(world.chat.calls.filter((c) => c === `post ${CH}`)).toHaveLength(11);
		expect(world.logger.lines.filter((l) => l.startsWith("error:"))).toEqual([
			`error: Could not post the course-complete message to ${CH}: socket hang up`,
		]);
	});

	it("comes when a paused course resumes after its last quizzes were dropped unposted", async () => {
		const world = makeWorld({ start: "2026-01-01T12:00:00Z", study: { recallOffsetsMs: [3_600_000] } });
		await world.say(CH, ADMIN, '/course start "every day at 09:00" UTC');
		await world.tickEvery("2026-01-01T12:00:00Z", "2026-01-11T09:30:00Z", 30 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(10);
		await world.say(CH, ADMIN, "/course pause");
		// Episode 10's quiz opens at 10:00 while paused: it is dropped, not posted.
		await world.tickEvery("2026-01-11T09:30:00Z", "2026-01-12T12:00:00Z", 30 * MINUTE);
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(9);
		expect(world.chat.postsIn(CH, "Course complete")).toHaveLength(0);
		await world.say(CH, ADMIN, "/course resume");
		await world.tick("2026-01-12T12:30:00Z");
		expect(world.chat.postsIn(CH, "Course complete")).toHaveLength(1);
		await world.tickEvery("2026-01-12T12:30:00Z", "2026-01-13T12:00:00Z", 30 * MINUTE);
		expect(world.chat.postsIn(CH, "Course complete")).toHaveLength(1);
	});
});
