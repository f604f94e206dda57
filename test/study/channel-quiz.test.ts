import { describe, expect, it } from "vitest";
import { MemoryStore } from "../fakes/memory-store.ts";
import { makeWorld } from "./harness.ts";

const CH = "slack:T1:CQUIZ";
const U1 = "slack:T1:U1";
const U2 = "slack:T1:U2";

async function postedQuiz(world: ReturnType<typeof makeWorld>) {
	const replies = await world.say(CH, U1, "/quiz 2");
	expect(replies).toEqual([]);
	const [post] = world.chat.postsIn(CH, "Recall quiz");
	const first = post?.reply.buttons?.[0]?.value ?? "";
	const quizId = first.slice(0, first.lastIndexOf(":"));
	const stored = await world.store.getQuizPost(CH, quizId);
	const question = world.course.questions.find((q) => q.id === stored?.questionId);
	if (!post || !stored || !question) throw new Error("no quiz posted");
	return { post, stored, question, quizId };
}

describe("a quiz posted in the channel", () => {
	it("records each learner once, answers privately at once, counts answers without giving the answer away, reveals at close", async () => {
		// Each answer's count edited at once, to read them one by one (quiz-count-order tests the interval).
		const world = makeWorld({ start: "2026-01-06T10:00:00Z", study: { countEditIntervalMs: 0 } });
		const { post, stored, question, quizId } = await postedQuiz(world);
		expect(post.reply.visibility).toBe("channel");
		expect(post.reply.footer).toContain("0 answers so far · closes Wed, 7 Jan 2026, 10:00 (UTC)");
		expect(stored).toMatchObject({ messageRef: post.ref, revealedAt: null, episode: 2 });

		const wrong = (question.answer + 1) % question.options.length;
		const [right] = await world.press(CH, U1, "quiz-post", `${quizId}:${question.answer}`);
		expect(right).toMatchObject({ header: "Right", visibility: "private" });
		expect(right?.text).toContain(question.explanation);
		expect(right?.footer).toContain("Episode 2: Resource Management");
		const [again] = await world.press(CH, U1, "quiz-post", `${quizId}:${wrong}`);
		expect(again?.text).toBe(
			`You already answered this quiz (${"ABCD"[question.answer]}); your first answer counts. The result comes when the quiz closes.`,
		);
		const [notQuite] = await world.press(CH, U2, "quiz-post", `${quizId}:${wrong}`);
		expect(notQuite?.header).toBe("Not quite");
		expect((await world.store.listQuizAnswers(CH, quizId)).map((a) => [a.userId, a.correct])).toEqual([
			[U1, true],
			[U2, false],
		]);
		expect(world.chat.updates.map((u) => u.reply.footer?.split(" · ")[0])).toEqual(["1 answer so far", "2 answers so far"]);
		expect(world.chat.updates.every((u) => u.ref === post.ref && !u.reply.text?.includes("Answer:"))).toBe(true);

		await world.tick("2026-01-07T09:59:00Z");
		expect(world.chat.updates).toHaveLength(2);
		await world.tick("2026-01-07T10:00:00Z");
		const reveal = world.chat.updates.at(-1);
		expect(reveal?.reply.header).toBe("Quiz closed · Episode 2: Resource Management");
		expect(reveal?.reply.text).toContain(`✓ ${"ABCD"[question.answer]}. ${question.options[question.answer]}`);
		expect(reveal?.reply.footer).toBe("1 of 2 answers right (50%).");
		const [late] = await world.press(CH, "slack:T1:U3", "quiz-post", `${quizId}:0`);
		expect(late?.text).toContain("This quiz has closed. The answer was");
		await world.tick("2026-01-07T10:01:00Z");
		expect(world.chat.updates.filter((u) => u.reply.header?.startsWith("Quiz closed"))).toHaveLength(1);
	});

	it("acknowledges first: the answer is recorded and the feedback ready before the card is graded and the count updated", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		const { question, quizId } = await postedQuiz(world);
		const handled = await world.pressOnly(CH, U1, "quiz-post", `${quizId}:${question.answer}`);
		expect(handled.replies.map((r) => [r.header, r.visibility])).toEqual([["Right", "private"]]);
		expect(await world.store.listQuizAnswers(CH, quizId)).toHaveLength(1);
		expect(world.chat.updates).toEqual([]);
		expect(await world.store.getCard(U1, question.id)).toBeNull();

		expect(await handled.followUp?.()).toEqual([]);
		expect(world.chat.updates.map((u) => u.reply.footer?.split(" · ")[0])).toEqual(["1 answer so far"]);
		expect((await world.store.getCard(U1, question.id))?.card.reps).toBe(1);
	});

	it("asks to press again when the store is away, and then records the answer once", async () => {
		const store = new MemoryStore();
		const world = makeWorld({ start: "2026-01-06T10:00:00Z", store });
		const { question, quizId } = await postedQuiz(world);
		store.unavailable = true;
		const [failed] = await world.press(CH, U1, "quiz-post", `${quizId}:${question.answer}`);
		expect(failed).toEqual({ text: "I could not record your answer, please press again.", visibility: "private" });
		store.unavailable = false;
		const [right] = await world.press(CH, U1, "quiz-post", `${quizId}:${question.answer}`);
		expect(right?.header).toBe("Right");
		expect(await world.store.listQuizAnswers(CH, quizId)).toHaveLength(1);
	});

	it("refuses a button of a quiz that is not in this channel", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		const { quizId } = await postedQuiz(world);
		const [reply] = await world.press("slack:T1:CELSEWHERE", U1, "quiz-post", `${quizId}:0`);
		expect(reply?.text).toContain("does not belong to a quiz I posted in this channel");
	});
});

describe("/quiz mine and /quiz me", () => {
	it("shows answered, accuracy, streak and due reviews, and reviews due cards with FSRS", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		const [empty] = await world.say(CH, U1, "/quiz me");
		expect(empty?.text).toContain("Nothing is due for review");
		const { question, quizId } = await postedQuiz(world);
		const wrong = (question.answer + 1) % question.options.length;
		await world.press(CH, U1, "quiz-post", `${quizId}:${wrong}`);

		const [mine] = await world.say(CH, U1, "/quiz mine");
		expect(mine?.visibility).toBe("private");
		expect(Object.fromEntries((mine?.fields ?? []).map((f) => [f.label, f.value]))).toEqual({
			"Quizzes answered here": "1 (0 right)",
			"Reviews (/quiz me)": "0",
			"Accuracy (quizzes here and reviews)": "0% (0 of 1 right)",
			"Streak (days with a quiz answer here)": "1 day (longest 1)",
			"Due reviews": "0",
		});
		// A wrong answer brings the card back within minutes (FSRS "Again").
		world.clock.set("2026-01-06T10:30:00Z");
		const [dueNow] = await world.say(CH, U1, "/quiz mine");
		expect(dueNow?.fields?.find((f) => f.label === "Due reviews")?.value).toBe("1 — type /quiz me");
		const [review] = await world.say(CH, U1, "/quiz me");
		expect(review?.header).toContain("Review · 1 due");
		expect(review?.text).toContain(question.question);
		const button = review?.buttons?.[question.answer];
		expect(button?.action).toBe("review-answer");
		const [feedback, next] = await world.press(CH, U1, button?.action ?? "", button?.value ?? "");
		expect(feedback?.header).toBe("Right");
		expect(next?.text).toContain("Nothing is due for review");
		const card = await world.store.getCard(U1, question.id);
		expect(card?.card.reps).toBe(2);
		expect(card?.card.due.getTime()).toBeGreaterThan(world.clock.now().getTime());
	});

	it("counts two right reviews in /quiz mine: accuracy includes reviews and says so", async () => {
		const world = makeWorld({ start: "2026-01-06T10:00:00Z" });
		const { question, quizId } = await postedQuiz(world);
		const wrong = (question.answer + 1) % question.options.length;
		await world.press(CH, U1, "quiz-post", `${quizId}:${wrong}`);
		for (const _ of [1, 2]) {
			// Wait until the card is due, then answer it right.
			const due = (await world.store.getCard(U1, question.id))?.card.due ?? new Date();
			world.clock.set(new Date(due.getTime() + 60_000));
			const [review] = await world.say(CH, U1, "/quiz me");
			const button = review?.buttons?.[question.answer];
			const [feedback] = await world.press(CH, U1, button?.action ?? "", button?.value ?? "");
			expect(feedback?.header).toBe("Right");
		}
		const [mine] = await world.say(CH, U1, "/quiz mine");
		const fields = Object.fromEntries((mine?.fields ?? []).map((f) => [f.label, f.value]));
		expect(fields["Quizzes answered here"]).toBe("1 (0 right)");
		expect(fields["Reviews (/quiz me)"]).toBe("2 (2 right)");
		expect(fields["Accuracy (quizzes here and reviews)"]).toBe("67% (2 of 3 right)");
		expect((await world.store.getCard(U1, question.id))?.reviews).toEqual({ answered: 2, right: 2 });
	});
});
