import { describe, expect, it } from "vitest";
import { participationDigestJob } from "../../jobs/participation-digest.ts";
import { parseSchedule } from "../../src/schedule/schedule.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { seedParticipation } from "../helpers/participation-seed.ts";
import { decodePng } from "../helpers/png.ts";
import { makeWorld } from "../study/harness.ts";

const MANAGERS = "slack:T1:CMANAGERS";

describe("the weekly participation digest", () => {
	it("posts last week's summary and chart once per week, even from two replicas and a second fire", async () => {
		const world = makeWorld({ start: "2026-03-16T08:00:00Z" });
		await seedParticipation(world.store);
		const claims = new Map<string, number>();
		const schedule = parseSchedule("mondays 09:00", "Europe/Berlin");
		const replica = () =>
			participationDigestJob(world.study, {
				channelId: MANAGERS,
				schedule: schedule.cron,
				timeZone: "Europe/Berlin",
				coordinator: new MemoryRunCoordinator({ claims }),
			});
		const [a, b] = [replica(), replica()];
		const monday = new Date("2026-03-16T08:00:00Z"); // 09:00 in Berlin
		await Promise.all([a.run(monday), b.run(monday)]);
		await a.run(new Date("2026-03-17T08:00:00Z"));
		const posts = world.chat.postsIn(MANAGERS);
		expect(posts).toHaveLength(1);
		const digest = posts[0]?.reply;
		expect(digest?.header).toBe("Participation · week of 2026-03-09, every channel");
		expect(digest?.visibility).toBe("channel");
		// Only the week before (New York's Sunday evening is still its week of 2 March), no per-person rows.
		expect(digest?.table?.rows.map((row) => row[0])).toEqual(["2026-03-02", "2026-03-09"]);
		expect(world.chat.postsIn(MANAGERS).some((p) => p.reply.header === "Per learner")).toBe(false);
		expect(digest?.text).toContain("2026-03-09 to 2026-03-16 (Europe/Berlin)");
		expect(decodePng(digest?.image?.png ?? new Uint8Array()).width).toBeGreaterThan(0);
		// The next week gets its own digest.
		await b.run(new Date("2026-03-23T08:00:00Z"));
		expect(world.chat.postsIn(MANAGERS).map((p) => p.reply.header)).toEqual([
			"Participation · week of 2026-03-09, every channel",
			"Participation · week of 2026-03-16, every channel",
		]);
	});

	it("says a week without activity in one line", async () => {
		const world = makeWorld({ start: "2026-03-16T08:00:00Z" });
		const job = participationDigestJob(world.study, {
			channelId: MANAGERS,
			schedule: "0 9 * * 1",
			timeZone: "UTC",
			coordinator: new MemoryRunCoordinator(),
		});
		await job.run(new Date("2026-03-16T09:00:00Z"));
		expect(world.chat.posts.map((p) => p.reply.text)).toEqual([
			"*Participation · week of 2026-03-09, every channel*: no quiz activity from 2026-03-09 to 2026-03-16 (UTC).",
		]);
	});
});
