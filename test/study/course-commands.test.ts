import { describe, expect, it } from "vitest";
import { contextIn } from "../helpers/chat.ts";
import { ADMIN, makeWorld } from "./harness.ts";

const CH = "slack:T1:CCMD";
const ALICE = "slack:T1:UALICE";
const BOB = "slack:T1:UBOB";

describe("/course", () => {
	it("refuses a non-admin and says who may; the starter becomes the channel's course admin", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		const [refused] = await world.say(CH, ALICE, "/course start");
		expect(refused?.visibility).toBe("private");
		expect(refused?.text).toBe(
			`Only admins may change this channel's course. Who may: the bot's admins (${ADMIN}). Anyone may use \`/course status\`.`,
		);
		expect(await world.store.getChannel(CH)).toBeNull();

		const [started] = await world.say(CH, ADMIN, "/course start");
		expect(started?.text).toContain("Episode 1 drops Mon, 5 Jan 2026, 09:00 (UTC), then Mondays at 09:00");
		expect(started?.text).toContain("after 1 day, 3 days, 7 days");
		const [stillRefused] = await world.say(CH, BOB, "/course pause");
		expect(stillRefused?.text).toContain(`this channel's course admins (${ADMIN})`);
		expect((await world.store.getChannel(CH))?.paused).toBe(false);
		// Anyone may read the status.
		const [status] = await world.say(CH, BOB, "/course status");
		expect(status?.text).toContain("Next: Episode 1 of 10, Mon, 5 Jan 2026, 09:00 (UTC).");
		expect(status?.text).toContain("Schedule: Mondays at 09:00, UTC.");
	});

	it("lets a member of a configured group (a Slack user group, a Discord role) change the course", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { admins: ["slack:T1:SCOACHES"] } });
		const refused = await world.router.handleText("/course start", contextIn(CH, ALICE, ["slack:T1:SOTHERS"]));
		expect(refused.replies[0]?.text).toContain("Only admins may change this channel's course");
		const started = await world.router.handleText("/course start", contextIn(CH, ALICE, ["slack:T1:SOTHERS", "slack:T1:SCOACHES"]));
		expect(started.replies[0]?.text).toContain("Kubernetes Production Mastery starts here.");
		expect((await world.store.getChannel(CH))?.admins).toEqual([ALICE]);
	});

	it("shows a cron schedule verbatim, in a code span", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, "/course start");
		const [changed] = await world.say(CH, ADMIN, '/course schedule "*/7 * * * *"');
		expect(changed?.text).toContain("New schedule: cron `*/7 * * * *` (UTC).");
	});

	it("answers a bad schedule or an unknown time zone with what is accepted, and changes nothing", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, '/course start "weekdays at 09:30" Europe/Berlin');
		const before = await world.store.getChannel(CH);
		expect(before).toMatchObject({ schedule: "30 9 * * 1,2,3,4,5", timeZone: "Europe/Berlin" });

		const [badWords] = await world.say(CH, ADMIN, '/course schedule "fortnightly on a good day"');
		expect(badWords?.text).toContain('"fortnightly on a good day" is not a schedule I understand.');
		expect(badWords?.text).toContain('"mondays 9:00", "weekdays at 09:30", "every day at 18:00"');
		const [badCron] = await world.say(CH, ADMIN, '/course schedule "0 25 * * 1"');
		expect(badCron?.text).toContain("the hour must be from 0 to 23, not 25");
		const [badZone] = await world.say(CH, ADMIN, '/course schedule "mondays 9:00" Mars/Olympus');
		expect(badZone?.text).toBe(
			'"Mars/Olympus" is not a time zone I know. I accept IANA time zone names such as "Europe/Berlin", "America/New_York", "Asia/Tokyo" or "UTC".',
		);
		const [badStart] = await world.say("slack:T1:COTHER", ADMIN, "/course start every 90 minutes");
		expect(badStart?.text).toContain("is not a schedule I can keep: repeats must divide the hour evenly");
		expect(await world.store.getChannel("slack:T1:COTHER")).toBeNull();
		const [badCourse] = await world.say("slack:T1:COTHER", ADMIN, "/course start cooking-basics");
		expect(badCourse?.text).toContain('I do not have a course "cooking-basics"');
		expect(await world.store.getChannel(CH)).toEqual(before);

		const [changed] = await world.say(CH, ADMIN, '/course schedule "0 18 * * *" America/New_York');
		expect(changed?.text).toContain("New schedule: every day at 18:00 (America/New_York).");
		expect(await world.store.getChannel(CH)).toMatchObject({ schedule: "0 18 * * *", timeZone: "America/New_York" });
	});

	it("posts the next episode now, skips one, and pauses and resumes", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [] } });
		await world.say(CH, ADMIN, "/course start");
		expect(await world.say(CH, ADMIN, "/course next")).toEqual([]);
		expect(world.chat.postsIn(CH, "New episode").map((p) => p.reply.header)).toEqual(["New episode · Episode 1: Production Mindset"]);
		const [skipped] = await world.say(CH, ADMIN, "/course skip");
		expect(skipped?.text).toBe("Skipped Episode 2; Episode 3 comes next.");
		// The drop just posted counts: the next one is the following Monday, with Episode 3.
		await world.tickEvery("2026-01-02T12:00:00Z", "2026-01-05T09:00:00Z", 15 * 60_000);
		expect(world.chat.postsIn(CH, "New episode").map((p) => p.reply.header)).toEqual([
			"New episode · Episode 1: Production Mindset",
			"New episode · Episode 3: RBAC and Secrets",
		]);
		const [paused] = await world.say(CH, ADMIN, "/course pause");
		expect(paused?.text).toContain("Paused");
		await world.tickEvery("2026-01-05T09:00:00Z", "2026-01-13T00:00:00Z", 15 * 60_000);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(2);
		const [status] = await world.say(CH, ALICE, "/course status");
		expect(status?.text).toContain("Next: Episode 4 of 10 (paused).");
		await world.say(CH, ADMIN, "/course resume");
		await world.tickEvery("2026-01-13T00:00:00Z", "2026-01-19T09:00:00Z", 15 * 60_000);
		expect(world.chat.postsIn(CH, "New episode").at(-1)?.at.toISOString()).toBe("2026-01-19T09:00:00.000Z");
	});

	it("lets a configured admin act in any channel, and says how to start when no course runs", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		const [none] = await world.say(CH, ALICE, "/course status");
		expect(none?.text).toContain("does not follow a course yet");
		const [pause] = await world.say(CH, ADMIN, "/course pause");
		expect(pause?.text).toContain("start it with `/course start`");
	});
});

describe("/course start again", () => {
	it("starts the course over, recall quizzes included", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, "/course start");
		await world.tickEvery("2026-01-02T12:00:00Z", "2026-01-06T10:00:00Z", 60 * 60_000);
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(1);
		await world.say(CH, ADMIN, "/course start --restart");
		await world.tickEvery("2026-01-06T10:00:00Z", "2026-01-13T10:00:00Z", 60 * 60_000);
		expect(world.chat.postsIn(CH, "New episode").map((p) => p.reply.header)).toEqual(
			Array(2).fill("New episode · Episode 1: Production Mindset"),
		);
		// The restarted Episode 1 brought its own first recall quiz, a day after its drop.
		const quizzes = world.chat.postsIn(CH, "Recall quiz");
		expect(quizzes.map((q) => q.at.toISOString())).toContain("2026-01-13T09:00:00.000Z");
	});

	it("asks for --restart instead of restarting a course part-way through, and restarts with it", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, "/course start");
		await world.say(CH, ADMIN, "/course next");
		await world.say(CH, ADMIN, "/course next");
		const [asked] = await world.say(CH, ADMIN, "/course start");
		expect(asked?.visibility).toBe("private");
		expect(asked?.text).toBe(
			"This channel is already following the course (2 of 10 episodes out). `/course start --restart` starts it again at Episode 1; `/course status` shows where it is.",
		);
		expect((await world.store.getChannel(CH))?.nextEpisode).toBe(3);
		const [restarted] = await world.say(CH, ADMIN, '/course start --restart "weekdays at 09:30"');
		expect(restarted?.text).toContain("starts here. Episode 1 drops");
		expect(await world.store.getChannel(CH)).toMatchObject({ nextEpisode: 1, schedule: "30 9 * * 1,2,3,4,5" });
	});
});
