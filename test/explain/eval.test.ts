import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.ts";
import { mainCourse } from "../helpers/course.ts";
import { loadEvalSet, scoreEvalSet } from "./eval-set.ts";

describe("explain on the labelled evaluation set", () => {
	const explainer = new Explainer(mainCourse());
	const questions = loadEvalSet();
	const result = scoreEvalSet(questions, (q) => explainer.explain(q).term ?? null);
	const misses = result.wrong.map(
		(o) => `${JSON.stringify(o.question.q)} → ${o.got ?? "declined"} (expected ${o.question.expect.join(" or ") || "a decline"})`,
	);

	it("has at least 100 questions, ten of them off-topic", () => {
		expect(questions.length).toBeGreaterThanOrEqual(100);
		expect(result.offTopicCount).toBeGreaterThanOrEqual(10);
	});

	it("answers at least 90% of the questions with the right term first", () => {
		expect(result.overallAccuracy, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
		expect(result.onTopicAccuracy, misses.join("\n")).toBeGreaterThanOrEqual(0.9);
	});

	it("declines every off-topic question", () => {
		const answeredOffTopic = result.outcomes.filter((o) => o.question.expect.length === 0 && !o.right);
		expect(answeredOffTopic.map((o) => `${o.question.q} → ${o.got}`)).toEqual([]);
	});
});
