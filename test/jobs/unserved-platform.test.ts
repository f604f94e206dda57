/**
 * A bot started without one platform's adapter (its token unset) on a store that holds that
 * platform's channels: their drops, quizzes and reveals stay due, untouched, rather than being
 * claimed, failed and lost; the process that serves the platform posts them.
 */
import { describe, expect, it } from "vitest";
import { runJobs } from "../../jobs/job.ts";
import { studyJobs } from "../../jobs/study-jobs.ts";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CLATER";
const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };

describe("channels of a platform that does not run in this process", () => {
	it("are left due by the jobs, and posted once by a process that serves them", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { recallOffsetsMs: [86_400_000] } });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		const discordOnly = studyJobs(world.study, { serves: (channelId) => channelId.startsWith("discord:") });

		world.clock.set("2026-01-05T09:00:00Z");
		await runJobs(discordOnly, world.clock.now());
		expect(world.chat.calls).toEqual([]);
		expect(await world.store.getChannel(CH)).toMatchObject({ nextEpisode: 1, lastDropAt: null });

		await world.tick("2026-01-05T09:00:00Z");
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(1);

		world.clock.set("2026-01-06T09:00:00Z");
		await runJobs(discordOnly, world.clock.now());
		const [quiz] = await world.store.listQuizPosts(CH, ALL_TIME);
		expect(quiz?.messageRef).toBeNull();
		await world.tick("2026-01-06T09:00:00Z");
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(1);

		world.clock.set("2026-01-07T09:00:00Z");
		await runJobs(discordOnly, world.clock.now());
		expect((await world.store.listQuizPosts(CH, ALL_TIME))[0]?.revealedAt).toBeNull();
		await world.tick("2026-01-07T09:00:00Z");
		expect(world.chat.updates.filter((u) => u.reply.header?.startsWith("Quiz closed"))).toHaveLength(1);
		expect(world.logger.lines.filter((line) => !line.startsWith("info:"))).toEqual([]);
	});
});
