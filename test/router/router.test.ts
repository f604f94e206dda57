import { describe, expect, it } from "vitest";
import { createCore } from "../../src/app.ts";
import type { Pick } from "../../src/quiz/quiz-commands.ts";
import { someone as context, press, seen } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";

const first: Pick = (items) => items[0];

describe("command router", () => {
	const course = mainCourse();
	const { router } = createCore({ course, pick: first });

	it("answers /explain with the term, the episode and a quiz-me button", async () => {
		const [reply] = await seen(router.handleText("/explain OOMKilled", context));
		expect(reply?.header).toBe("OOMKilled");
		expect(reply?.footer).toContain("Episode 2: Resource Management");
		expect(reply?.buttons?.[0]).toMatchObject({ action: "quiz", value: "oomkilled" });
	});

	it("asks what to explain when /explain has no question", async () => {
		const [reply] = await seen(router.handleText("/explain", context));
		expect(reply?.text).toContain("/explain OOMKilled");
		expect(reply?.visibility).toBe("private");
	});

	it("lists the episodes and shows one", async () => {
		const [list] = await seen(router.handleText("/episodes", context));
		expect(list?.table?.rows).toHaveLength(10);
		const [episode] = await seen(router.handleText("/episode 4", context));
		expect(episode?.header).toBe("Episode 4: Troubleshooting and Health Checks");
	});

	it("explains what is wrong with a bad episode number", async () => {
		const [reply] = await seen(router.handleText("/episode 11", context));
		expect(reply?.text).toContain('"11" is not an episode');
		expect(reply?.text).toContain("from 1 to 10");
	});

	it("answers an unknown command and plain text with the help", async () => {
		const [unknown] = await seen(router.handleText("/deploy prod", context));
		expect(unknown?.text).toContain("I don't know `/deploy`");
		expect(unknown?.text).toContain("/explain QUESTION");
		const [help] = await seen(router.handleText("/help", context));
		expect(help?.text).toContain("/episodes");
	});

	it("asks a quiz question with one button per option and gives private feedback on the answer", async () => {
		const [question] = await seen(router.handleText("/quiz 2", context));
		const episodeTwo = course.questions.filter((q) => q.episode === 2)[0];
		expect(question?.buttons).toHaveLength(episodeTwo?.options.length ?? -1);
		const wrong = ((episodeTwo?.answer ?? 0) + 1) % (episodeTwo?.options.length ?? 1);
		const [feedback] = await seen(press(router, "quiz-answer", `${episodeTwo?.id}:${wrong}`, context));
		expect(feedback?.header).toBe("Not quite");
		expect(feedback?.text).toContain(episodeTwo?.explanation ?? "?");
		expect(feedback?.visibility).toBe("private");
		const [right] = await seen(press(router, "quiz-answer", `${episodeTwo?.id}:${episodeTwo?.answer}`, context));
		expect(right?.header).toBe("Right");
	});

	it("quizzes on the concept of an explain answer", async () => {
		const [reply] = await seen(press(router, "quiz", "oomkilled", context));
		const onConcept = course.questions.filter((q) => q.concept === "oomkilled").map((q) => q.question);
		expect(onConcept.length).toBeGreaterThan(0);
		expect(onConcept.some((text) => reply?.text?.startsWith(text))).toBe(true);
	});

	it("refuses a forged answer button", async () => {
		const [reply] = await seen(press(router, "quiz-answer", "no-such-question:9", context));
		expect(reply?.text).toContain("does not match a question");
	});
});
