/**
 * A replica that claims a scheduled quiz and dies before posting it (SIGKILL, a lost node) does not
 * lose the quiz: once the claim's lease ends, the next run posts it, once.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CLEASE";
const MINUTE = 60_000;

/** Episode 1 dropped at 09:00 with a 5-minute claim lease; its recall quiz opens at 10:00. */
async function recallScheduled() {
	const world = makeWorld({ start: "2026-01-05T08:00:00Z", study: { recallOffsetsMs: [3_600_000], claimLeaseMs: 5 * MINUTE } });
	await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
	await world.tick("2026-01-05T09:00:00Z");
	const [quiz] = await world.store.listQuizPostsOpeningBy(new Date("2026-01-05T10:00:00Z"), 10);
	if (!quiz) throw new Error("no recall quiz scheduled");
	return { world, quiz };
}

describe("a claim's lease", () => {
	it("posts a quiz whose claimer died once the lease ends, and only once", async () => {
		const { world, quiz } = await recallScheduled();

		// Another replica claims it at its opening and is killed before posting.
		expect(await world.store.claimQuizPost(CH, quiz.id, { at: new Date("2026-01-05T10:00:00Z"), ms: 5 * MINUTE })).toBe("first");
		await world.tickEvery("2026-01-05T10:00:00Z", "2026-01-05T10:04:00Z", MINUTE);
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(0);

		await world.tickEvery("2026-01-05T10:05:00Z", "2026-01-05T10:30:00Z", MINUTE);
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(1);
		expect((await world.store.getQuizPost(CH, quiz.id))?.messageRef).not.toBeNull();
	});

	it("keeps the post of a claimer that died after posting, before saving the reference: no second post", async () => {
		const { world, quiz } = await recallScheduled();

		// The other replica claims and posts it (Slack accepted it), then is killed.
		world.clock.set(new Date("2026-01-05T10:00:00Z"));
		expect(await world.store.claimQuizPost(CH, quiz.id, { at: new Date("2026-01-05T10:00:00Z"), ms: 5 * MINUTE })).toBe("first");
		const ref = await world.chat.post(CH, { header: "Recall quiz (the dead replica's)" }, { itemKey: `${CH}/${quiz.id}` });

		await world.tickEvery("2026-01-05T10:01:00Z", "2026-01-05T10:30:00Z", MINUTE);
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(1);
		expect((await world.store.getQuizPost(CH, quiz.id))?.messageRef).toBe(ref);
		expect(world.logger.lines).toContain(`info: Quiz ${quiz.id} in ${CH} was posted before a takeover; keeping that post`);
	});
});
