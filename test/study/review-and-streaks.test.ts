/** `/quiz me` (FSRS cards) and streaks counted in the channel's own days. */
import { describe, expect, it } from "vitest";
import { ADMIN, makeWorld } from "./harness.ts";

const CH = "slack:T1:CREVIEW";
const U1 = "slack:T1:U1";

type World = ReturnType<typeof makeWorld>;

/** Posts `/quiz EPISODE` and presses option `pick(answer)`; returns the question's id. */
async function answerQuiz(world: World, episode: number, right: boolean): Promise<string> {
	await world.say(CH, U1, `/quiz ${episode}`);
	const post = world.chat.postsIn(CH, "Recall quiz").at(-1);
	const value = post?.reply.buttons?.[0]?.value ?? "";
	const quizId = value.slice(0, value.lastIndexOf(":"));
	const stored = await world.store.getQuizPost(CH, quizId);
	const question = world.course.questions.find((q) => q.id === stored?.questionId);
	if (!question) throw new Error("no quiz posted");
	const choice = right ? question.answer : (question.answer + 1) % question.options.length;
	await world.press(CH, U1, "quiz-post", `${quizId}:${choice}`);
	return question.id;
}

describe("/quiz me", () => {
	it("grades a card once per review: pressing the same review button again does not move its FSRS state", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		const questionId = await answerQuiz(world, 2, false);
		const afterQuiz = await world.store.getCard(U1, questionId);
		expect(afterQuiz?.card).toMatchObject({ reps: 1, lapses: 0 });

		world.clock.set("2026-01-06T10:30:00Z");
		const [review] = await world.say(CH, U1, "/quiz me");
		const question = world.course.questions.find((q) => q.id === questionId);
		const button = review?.buttons?.[question?.answer ?? 0];
		const [feedback] = await world.press(CH, U1, button?.action ?? "", button?.value ?? "");
		expect(feedback?.header).toBe("Right");
		const reviewed = await world.store.getCard(U1, questionId);
		expect(reviewed?.card.reps).toBe(2);
		expect(reviewed?.card.due.getTime()).toBeGreaterThan(world.clock.now().getTime());

		// A double press, or the old private message pressed later the same day.
		const [stale, next] = await world.press(CH, U1, button?.action ?? "", button?.value ?? "");
		expect(stale?.text).toMatch(/^You already reviewed this card; it comes back .+ \(UTC\)\.$/);
		expect(next?.text).toContain("Nothing is due for review");
		expect(await world.store.getCard(U1, questionId)).toEqual(reviewed);
	});

	it("moves a card further out after a right answer than after a wrong one", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		const wrongId = await answerQuiz(world, 2, false);
		const rightId = await answerQuiz(world, 3, true);
		const wrong = await world.store.getCard(U1, wrongId);
		const right = await world.store.getCard(U1, rightId);
		expect(right?.card.due.getTime()).toBeGreaterThan(wrong?.card.due.getTime() ?? Number.POSITIVE_INFINITY);
		expect(right?.card.difficulty).toBeLessThan(wrong?.card.difficulty ?? 0);
	});
});

describe("streaks", () => {
	it("count days at the channel's midnight in its zone (Kathmandu, +05:45), not UTC's", async () => {
		const world = makeWorld({ start: "2026-01-06T18:00:00Z" });
		await world.say(CH, ADMIN, "/course start Asia/Kathmandu");
		// 23:45 and 00:05 local: two days in Kathmandu, one day (6 January) in UTC.
		await answerQuiz(world, 2, true);
		world.clock.set("2026-01-06T18:20:00Z");
		await answerQuiz(world, 3, true);
		expect(await world.store.getStreak(CH, U1)).toMatchObject({ current: 2, longest: 2, lastActiveDay: "2026-01-07" });
		const streakOf = async () =>
			(await world.say(CH, U1, "/quiz mine"))[0]?.fields?.find((f) => f.label === "Streak (days with a quiz answer here)")?.value;
		// Still holds all of the next local day, which ends at 18:15 UTC.
		world.clock.set("2026-01-08T18:10:00Z");
		expect(await streakOf()).toBe("2 days (longest 2)");
		world.clock.set("2026-01-08T18:20:00Z");
		expect(await streakOf()).toBe("0 days (longest 2)");
	});
});
