/**
 * A replica that records an episode drop and dies before settling its post (SIGKILL, a lost node)
 * does not lose the drop: once the drop's lease ends, the next run takes it over, looks for the
 * post in the channel, and posts it only when it is not there, with one set of recall quizzes.
 */
import { describe, expect, it } from "vitest";
import { dropItemKey } from "../../src/channel-course/episode-drop.ts";
import { recallPosts } from "../../src/channel-course/recall-plan.ts";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CDROP";
const MINUTE = 60_000;
const SLOT = new Date("2026-01-05T09:00:00Z");

/** A channel on "mondays 9:00" whose episode 1 another replica recorded at its slot, then died. */
async function droppedByDeadReplica(claimLeaseMs: number) {
	const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { claimLeaseMs } });
	await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
	world.clock.set(SLOT);
	const pending = { leaseMs: claimLeaseMs, dueAt: SLOT };
	expect(await world.store.recordDrop(CH, 1, SLOT, { onlyIfActive: true, pending })).toBe(true);
	return world;
}

describe("an episode drop whose replica died", () => {
	it("is posted once its lease ends, once, marked late against its slot, with its recall quizzes once", async () => {
		const world = await droppedByDeadReplica(15 * MINUTE);
		await world.tickEvery(SLOT, "2026-01-05T09:14:00Z", MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(0);

		await world.tickEvery("2026-01-05T09:14:00Z", "2026-01-05T10:00:00Z", MINUTE);
		const drops = world.chat.postsIn(CH, "New episode");
		expect(drops.map((d) => [d.at.toISOString(), d.itemKey])).toEqual([["2026-01-05T09:15:00.000Z", dropItemKey(CH, 1, SLOT)]]);
		expect(drops[0]?.reply.text).toContain("Posted late: this was due Mon, 5 Jan 2026, 09:00 (UTC)");
		expect(world.chat.calls.filter((c) => c.startsWith("findPost"))).toEqual([`findPost ${CH}`]);
		expect((await world.store.getChannel(CH))?.pendingDrop).toBeNull();

		await world.tickEvery("2026-01-05T10:00:00Z", "2026-01-12T09:30:00Z", 15 * MINUTE);
		// Episode 2 on time, posted with its own key and settled; the recall quizzes count from the recorded drop.
		const next = world.chat.postsIn(CH, "New episode")[1];
		expect([next?.at.toISOString(), next?.itemKey]).toEqual([
			"2026-01-12T09:00:00.000Z",
			dropItemKey(CH, 2, new Date("2026-01-12T09:00:00Z")),
		]);
		expect((await world.store.getChannel(CH))?.pendingDrop).toBeNull();
		expect(world.chat.postsIn(CH, "Recall quiz").map((q) => q.at.toISOString())).toEqual([
			"2026-01-06T09:00:00.000Z",
			"2026-01-08T09:00:00.000Z",
			"2026-01-12T09:00:00.000Z",
		]);
	});

	it("keeps the post of a replica that died after posting, before settling: no second post, no second set of quizzes", async () => {
		const world = await droppedByDeadReplica(5 * MINUTE);
		// The dead replica had scheduled the quizzes and posted the episode (the chat has it).
		for (const post of recallPosts(world.study.course, CH, 1, SLOT, world.study.options)) await world.store.scheduleQuizPost(post);
		await world.chat.post(CH, { header: "New episode · the dead replica's" }, { itemKey: dropItemKey(CH, 1, SLOT) });

		await world.tickEvery(SLOT, "2026-01-05T09:30:00Z", MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(1);
		expect(world.logger.lines).toContain(`info: Episode 1 in ${CH} was posted before a takeover; keeping that post`);
		expect((await world.store.getChannel(CH))?.pendingDrop).toBeNull();

		await world.tickEvery("2026-01-05T09:30:00Z", "2026-01-11T09:30:00Z", 15 * MINUTE);
		expect(world.chat.postsIn(CH, "Recall quiz").map((q) => q.at.toISOString())).toEqual([
			"2026-01-06T09:00:00.000Z",
			"2026-01-08T09:00:00.000Z",
		]);
	});

	it("stays pending when the taken-over post fails for a moment, and is taken over again after the new lease", async () => {
		const world = await droppedByDeadReplica(5 * MINUTE);
		world.chat.failOnce = (reply) => reply.header?.startsWith("New episode") ?? false;
		await world.tickEvery(SLOT, "2026-01-05T09:09:00Z", MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(0);
		expect(world.logger.lines).toContain(`error: Could not post episode 1 to ${CH}: socket hang up`);
		expect((await world.store.getChannel(CH))?.pendingDrop?.leaseUntil).toEqual(new Date("2026-01-05T09:10:00Z"));

		await world.tickEvery("2026-01-05T09:09:00Z", "2026-01-05T09:30:00Z", MINUTE);
		expect(world.chat.postsIn(CH, "New episode").map((d) => d.at.toISOString())).toEqual(["2026-01-05T09:10:00.000Z"]);
		expect((await world.store.getChannel(CH))?.pendingDrop).toBeNull();
	});

	it("waits while its channel is paused, and is taken over after /course resume", async () => {
		const world = await droppedByDeadReplica(5 * MINUTE);
		await world.say(CH, ADMIN, "/course pause");
		await world.tickEvery(SLOT, "2026-01-05T12:00:00Z", 15 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode")).toHaveLength(0);
		await world.say(CH, ADMIN, "/course resume");
		await world.tick("2026-01-05T12:15:00Z");
		expect(world.chat.postsIn(CH, "New episode").map((d) => d.at.toISOString())).toEqual(["2026-01-05T12:15:00.000Z"]);
	});

	it("holds back /course next until it is posted, so the channel gets both episodes in order", async () => {
		const world = await droppedByDeadReplica(5 * MINUTE);
		world.clock.set(new Date("2026-01-05T09:02:00Z"));
		const [refused] = await world.say(CH, ADMIN, "/course next");
		expect(refused).toEqual({
			text: "Episode 1 is still on its way: its post began Mon, 5 Jan 2026, 09:00 (UTC), and I make sure it arrives once. Try `/course next` again in a minute.",
			visibility: "private",
		});
		expect((await world.store.getChannel(CH))?.nextEpisode).toBe(2);
		const [status] = await world.say(CH, ADMIN, "/course status");
		expect(status?.text).toContain("Being posted: Episode 1, since Mon, 5 Jan 2026, 09:00 (UTC).");

		await world.tickEvery(SLOT, "2026-01-05T09:06:00Z", MINUTE);
		expect(await world.say(CH, ADMIN, "/course next")).toEqual([]);
		expect(world.chat.postsIn(CH, "New episode").map((d) => [d.at.toISOString(), d.reply.header])).toEqual([
			["2026-01-05T09:05:00.000Z", "New episode · Episode 1: Production Mindset"],
			["2026-01-05T09:06:00.000Z", expect.stringContaining("Episode 2")],
		]);
	});

	it("is still taken over after a /course skip of the next episode; a restart drops it for good", async () => {
		const world = await droppedByDeadReplica(5 * MINUTE);
		const [skipped] = await world.say(CH, ADMIN, "/course skip");
		expect(skipped?.text).toBe("Skipped Episode 2; Episode 3 comes next.");
		await world.tickEvery(SLOT, "2026-01-12T09:30:00Z", 15 * MINUTE);
		expect(world.chat.postsIn(CH, "New episode").map((d) => [d.at.toISOString(), d.reply.header])).toEqual([
			["2026-01-05T09:15:00.000Z", "New episode · Episode 1: Production Mindset"],
			["2026-01-12T09:00:00.000Z", expect.stringContaining("Episode 3")],
		]);

		const restarted = await droppedByDeadReplica(5 * MINUTE);
		await restarted.say(CH, ADMIN, "/course start --restart");
		expect((await restarted.store.getChannel(CH))?.pendingDrop).toBeNull();
		await restarted.tickEvery(SLOT, "2026-01-12T09:30:00Z", 15 * MINUTE);
		// Only the new run's Episode 1, at its first Monday after the restart.
		expect(restarted.chat.postsIn(CH, "New episode").map((d) => d.at.toISOString())).toEqual(["2026-01-12T09:00:00.000Z"]);
	});
});

describe("an episode drop by a living replica", () => {
	it("is posted with its item key and settled, scheduled or by /course next", async () => {
		const world = makeWorld({ start: "2026-01-02T12:00:00Z" });
		await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
		await world.tick(SLOT);
		world.clock.set(new Date("2026-01-05T10:00:00Z"));
		await world.say(CH, ADMIN, "/course next");
		expect(world.chat.postsIn(CH, "New episode").map((d) => d.itemKey)).toEqual([
			dropItemKey(CH, 1, SLOT),
			dropItemKey(CH, 2, new Date("2026-01-05T10:00:00Z")),
		]);
		expect((await world.store.getChannel(CH))?.pendingDrop).toBeNull();
		expect(world.chat.calls.filter((c) => c.startsWith("findPost"))).toEqual([]);
	});
});
