/** The running count on a quiz post: updates that the chat answers out of order never leave an older count showing. */
import { expect, it, vi } from "vitest";
import type { Reply } from "../../src/reply.ts";
import { ADMIN, makeWorld } from "./harness.ts";

const CH = "slack:T1:CCOUNT";

/** A channel's course started and a quiz posted in it with /quiz: the post and its first button. */
async function postedQuiz() {
	const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
	await world.say(CH, ADMIN, "/course start");
	await world.say(CH, ADMIN, "/quiz 2");
	const post = world.chat.postsIn(CH, "Recall quiz").at(-1);
	const button = post?.reply.buttons?.[0];
	if (!post || !button) throw new Error("no quiz posted");
	return { world, post, button };
}

it("a slow update of an older count does not land after a newer one", async () => {
	const { world, post, button } = await postedQuiz();
	// The chat answers the first update late, as a busy network may.
	const update = world.chat.update.bind(world.chat);
	let calls = 0;
	world.chat.update = async (channelId: string, ref: string, reply: Reply) => {
		if (++calls === 1) await new Promise((resolve) => setTimeout(resolve, 100));
		return update(channelId, ref, reply);
	};
	const first = await world.pressOnly(CH, "slack:T1:U1", button.action, button.value);
	const firstCount = first.followUp?.();
	await new Promise((resolve) => setTimeout(resolve, 10));
	const second = await world.pressOnly(CH, "slack:T1:U2", button.action, button.value);
	await Promise.all([firstCount, second.followUp?.()]);
	// The second answer is shown by one more edit, a second after the first one started.
	await vi.waitFor(() => expect(world.chat.updates.filter((u) => u.ref === post.ref).at(-1)?.reply.footer).toMatch(/^2 answers so far/), {
		timeout: 5000,
	});
	expect(world.chat.updates.filter((u) => u.ref === post.ref)).toHaveLength(2);
});

it("a burst of answers edits the post a few times, not once per answer, and ends on the full count", async () => {
	const { world, post, button } = await postedQuiz();
	// One answer every 10 ms, each followed at once by its count refresh, as a busy channel sends them.
	const refreshes: Promise<unknown>[] = [];
	for (let n = 0; n < 40; n++) {
		const press = await world.pressOnly(CH, `slack:T1:U${n}`, button.action, button.value);
		refreshes.push(press.followUp?.() ?? Promise.resolve());
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	await Promise.all(refreshes);
	const edits = () => world.chat.updates.filter((u) => u.ref === post.ref);
	await vi.waitFor(() => expect(edits().at(-1)?.reply.footer).toMatch(/^40 answers so far/), { timeout: 5000 });
	expect(edits().length).toBeLessThanOrEqual(3);
});

it("an answer's follow-up never waits for the next edit of a busy post", async () => {
	const { world, post, button } = await postedQuiz();
	await world.press(CH, "slack:T1:U1", button.action, button.value);
	const second = await world.pressOnly(CH, "slack:T1:U2", button.action, button.value);
	// Done before the edit that will show it, which is due a second after the first one.
	await second.followUp?.();
	expect(world.chat.updates.filter((u) => u.ref === post.ref).map((u) => u.reply.footer?.split(" · ")[0])).toEqual(["1 answer so far"]);
});
