/** The learner's home (Slack's App Home): progress across the workspace's channels, due reviews, a button that starts them. */
import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/reply.ts";
import { contextIn, press, seen } from "../helpers/chat.ts";
import { ADMIN, makeWorld } from "./harness.ts";

const U1 = "slack:T1:U1";
type World = ReturnType<typeof makeWorld>;

/** Posts a quiz in `channel` and answers it right or wrong as U1. */
async function answerIn(world: World, channel: string, right: boolean): Promise<void> {
	await world.say(channel, U1, "/quiz 2");
	const value = world.chat.postsIn(channel, "Recall quiz").at(-1)?.reply.buttons?.[0]?.value ?? "";
	const quizId = value.slice(0, value.lastIndexOf(":"));
	const stored = await world.store.getQuizPost(channel, quizId);
	const asked = world.course.questions.find((q) => q.id === stored?.questionId);
	if (!asked) throw new Error("no quiz");
	await world.press(channel, U1, "quiz-post", `${quizId}:${right ? asked.answer : (asked.answer + 1) % asked.options.length}`);
}

const home = async (world: World, userId = U1): Promise<Reply> => {
	const [reply] = await seen(world.router.handleHome(contextIn("slack:T1:DHOME", userId)));
	if (!reply) throw new Error("no home");
	return reply;
};

const field = (reply: Reply, label: string) => reply.fields?.find((f) => f.label === label)?.value;

describe("the learner's home", () => {
	it("adds up answers and accuracy over the workspace's course channels, not another workspace's, and shows the best streak", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		for (const channel of ["slack:T1:CA", "slack:T1:CB", "slack:T2:CX"]) await world.say(channel, ADMIN, "/course start");
		await answerIn(world, "slack:T1:CA", true);
		await answerIn(world, "slack:T1:CB", false);
		await answerIn(world, "slack:T2:CX", true);
		const reply = await home(world);
		expect(reply.visibility).toBe("private");
		expect(reply.text).toBe("Across 2 channels of this workspace.");
		expect(field(reply, "Quizzes answered")).toBe("2");
		expect(field(reply, "Reviews (/quiz me)")).toBe("0");
		expect(field(reply, "Accuracy (quizzes and reviews)")).toBe("50% (1 of 2 right)");
		expect(field(reply, "Streak (days with a quiz answer)")).toBe("1 day (longest 1)");
	});

	it("offers a button that starts the review when cards are due, and says when the next one comes when none is", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		await world.say("slack:T1:CA", ADMIN, "/course start");
		await answerIn(world, "slack:T1:CA", false);
		const now = await home(world);
		expect(field(now, "Due reviews")).toMatch(/^None now; the next one comes .+ \(UTC\)$/);
		expect(now.buttons ?? []).toEqual([]);

		world.clock.set("2026-01-20T10:00:00Z");
		const later = await home(world);
		expect(field(later, "Due reviews")).toBe("1 card to review now");
		const [button] = later.buttons ?? [];
		expect(button?.label).toBe("Start my review (1 due)");
		const [question] = await seen(press(world.router, button?.action ?? "", button?.value ?? "", contextIn("slack:T1:DHOME", U1)));
		expect(question?.header).toMatch(/^Review · 1 due · /);
		expect(question?.visibility).toBe("private");
	});

	it("welcomes a learner with nothing answered yet", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		const reply = await home(world, "slack:T1:UNEW");
		expect(reply.text).toMatch(/^You have not answered a quiz yet/);
		expect(field(reply, "Due reviews")).toBe("None yet: cards come from the quizzes you answer in a channel");
	});
});
