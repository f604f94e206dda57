/**
 * A drop whose post fails with a transient error (not a gone channel): the ChatPort says such a
 * post may be retried, so the episode must come on a later run, once, with one set of quizzes.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CFLAKY";
const MINUTE = 60_000;

describe("an episode post that fails for a moment", () => {
	it("is posted by the next run (late once it is), not skipped; its quizzes come once, from the post that worked", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		world.chat.failOnce = (reply) => reply.header?.startsWith("New episode") ?? false;
		await world.tick("2026-01-05T09:00:00Z");
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(0);
		expect(await world.store.getChannel(CH)).toMatchObject({ nextEpisode: 1, lastDropAt: null, paused: false });
		expect(world.logger.lines).toEqual([
			`error: Could not post episode 1 to ${CH}: socket hang up`,
			`warn: Episode 1 in ${CH} was not posted; the next run tries again`,
		]);

		// The network is back a quarter of an hour later.
		await world.tick("2026-01-05T09:15:00Z");
		const drops = world.chat.postsIn(CH, "New episode");
		expect(drops.map((d) => d.reply.header)).toEqual(["New episode · Episode 1: Production Mindset"]);
		expect(drops[0]?.reply.text).toContain("Posted late: this was due Mon, 5 Jan 2026, 09:00 (UTC)");

		await world.tickEvery("2026-01-05T09:15:00Z", "2026-01-12T09:30:00Z", 15 * MINUTE);
		// Episode 2 on time: the retry did not shift the schedule.
		expect(world.chat.postsIn(CH, "New episode").map((d) => d.at.toISOString())).toEqual([
			"2026-01-05T09:15:00.000Z",
			"2026-01-12T09:00:00.000Z",
		]);
		// 1, 3 and 7 days after the post that went out: three quizzes, none from the failed attempt.
		expect(world.chat.postsIn(CH, "Recall quiz").map((q) => q.at.toISOString())).toEqual([
			"2026-01-06T09:15:00.000Z",
			"2026-01-08T09:15:00.000Z",
			"2026-01-12T09:15:00.000Z",
		]);
	});
});

describe("a recall quiz post that fails for a moment", () => {
	it("is posted by a later run, once; after five failures in a row it is given up with an error line", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [60 * MINUTE] } });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		await world.tick("2026-01-05T09:00:00Z");
		world.chat.failOnce = (reply) => reply.header?.startsWith("Recall quiz") ?? false;
		await world.tick("2026-01-05T10:00:00Z");
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(0);
		await world.tickEvery("2026-01-05T10:00:00Z", "2026-01-05T12:00:00Z", MINUTE);
		const quizzes = world.chat.postsIn(CH, "Recall quiz");
		expect(quizzes.map((q) => q.at.toISOString())).toEqual(["2026-01-05T10:01:00.000Z"]);
		expect(quizzes[0]?.reply.text).not.toContain("Posted late");

		// A channel whose posts keep failing: five attempts, then one error line, not a retry every minute forever.
		let failures = 0;
		const failQuizzes = (reply: { header?: string }) => {
			const quiz = reply.header?.startsWith("Recall quiz") ?? false;
			if (quiz) failures++;
			return quiz;
		};
		for (let t = Date.parse("2026-01-05T12:00:00Z"); t <= Date.parse("2026-01-12T12:00:00Z"); t += 15 * MINUTE) {
			// The recording chat disarms failOnce after a failure: arm it again before every tick.
			world.chat.failOnce = failQuizzes;
			await world.tick(new Date(t));
		}
		expect(failures).toBe(5);
		expect(world.logger.lines.filter((l) => l.startsWith("error: Gave up"))).toEqual([
			`error: Gave up on quiz e2-${Date.parse("2026-01-12T09:00:00Z").toString(36)}-recall-1-attempt-5 in ${CH} after 5 attempts`,
		]);
	});
});
