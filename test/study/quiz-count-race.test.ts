/**
 * A learner can press a quiz's button between the post appearing in the channel and the bot saving
 * its message reference (a store may commit that save a little later). The press must be recorded
 * and the post must still end up showing its count.
 */
import { expect, it } from "vitest";
import type { QuizPost } from "../../src/ports/store.ts";
import { postScheduledQuiz } from "../../src/quiz/quiz-posting.ts";
import type { Reply } from "../../src/reply.ts";
import { ADMIN, makeWorld, type World } from "./harness.ts";

const CH = "slack:T1:CRACE";
const LEARNER = "slack:T1:UEARLY";

/** Makes the chat let a learner answer a quiz the moment it is posted, before post() returns. */
function answerAsSoonAsPosted(world: World): { seen: string[] } {
	const seen: string[] = [];
	const post = world.chat.post.bind(world.chat);
	world.chat.post = async (channelId: string, reply: Reply) => {
		const ref = await post(channelId, reply);
		const button = reply.header?.startsWith("Recall quiz") ? reply.buttons?.[0] : undefined;
		if (button) {
			const pressed = await world.pressOnly(channelId, LEARNER, button.action, button.value);
			seen.push(...pressed.replies.map((r) => r.text ?? ""));
			await pressed.followUp?.();
		}
		return ref;
	};
	return { seen };
}

const countsOn = (world: World, ref: string | undefined) =>
	world.chat.updates.filter((u) => u.ref === ref).map((u) => u.reply.footer?.split(" · ")[0]);

it("a quiz posted with /quiz records an answer pressed before its reference is saved, and shows its count", async () => {
	const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
	await world.say(CH, ADMIN, "/course start");
	const early = answerAsSoonAsPosted(world);
	await world.say(CH, ADMIN, "/quiz 2");
	expect(early.seen.join("\n")).not.toMatch(/does not belong/);
	const post = world.chat.postsIn(CH, "Recall quiz").at(-1);
	expect(countsOn(world, post?.ref).at(-1)).toBe("1 answer so far");
});

it("a scheduled quiz shows the count of an answer pressed before its reference is saved", async () => {
	const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
	await world.say(CH, ADMIN, "/course start");
	const channel = await world.store.getChannel(CH);
	const question = world.course.questions.find((q) => q.episode === 1);
	if (!channel || !question) throw new Error("no channel or question");
	const now = world.clock.now();
	const scheduled: QuizPost = {
		id: "recall-race",
		channelId: CH,
		questionId: question.id,
		episode: question.episode,
		opensAt: now,
		closesAt: new Date(now.getTime() + 30 * 60_000),
		messageRef: null,
		revealedAt: null,
	};
	await world.store.scheduleQuizPost(scheduled);
	const early = answerAsSoonAsPosted(world);
	expect(await postScheduledQuiz(world.study, scheduled, channel)).toBe("posted");
	expect(early.seen.join("\n")).not.toMatch(/does not belong/);
	const post = world.chat.postsIn(CH, "Recall quiz").at(-1);
	expect(countsOn(world, post?.ref).at(-1)).toBe("1 answer so far");
});
