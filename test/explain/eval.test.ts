import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.ts";
import { mainCourse } from "../helpers/course.ts";
import { loadEvalSet, scoreEvalSet } from "./eval-set.ts";

// Two labelled sets, each written without looking at the glossary: the first is the one the
// ranking was tuned on, the second was held out and is reported beside it.
describe("explain on the labelled evaluation sets", () => {
	const explainer = new Explainer(mainCourse());
	const score = (file: string) => {
		const result = scoreEvalSet(loadEvalSet(file), (q) => explainer.explain(q).term ?? null);
		const misses = result.wrong.map(
			(o) => `${JSON.stringify(o.question.q)} → ${o.got ?? "declined"} (expected ${o.question.expect.join(" or ") || "a decline"})`,
		);
		return { ...result, misses: misses.join("\n") };
	};
	const first = score("eval-set.yaml");
	const second = score("eval-set-2.yaml");

	it("has at least 100 questions in each set, ten of them off-topic", () => {
		for (const set of [first, second]) {
			expect(set.outcomes.length).toBeGreaterThanOrEqual(100);
			expect(set.offTopicCount).toBeGreaterThanOrEqual(10);
		}
	});

	it("answers at least 90% of the first set with the right term first", () => {
		expect(first.overallAccuracy, first.misses).toBeGreaterThanOrEqual(0.9);
		expect(first.onTopicAccuracy, first.misses).toBeGreaterThanOrEqual(0.9);
	});

	it("stays at 85% or more on the held-out set, and at 90% over both", () => {
		expect(second.overallAccuracy, second.misses).toBeGreaterThanOrEqual(0.85);
		const right = first.outcomes.filter((o) => o.right).length + second.outcomes.filter((o) => o.right).length;
		expect(right / (first.outcomes.length + second.outcomes.length)).toBeGreaterThanOrEqual(0.9);
	});

	it("declines every off-topic question of both sets", () => {
		for (const set of [first, second]) {
			const answered = set.outcomes.filter((o) => o.question.expect.length === 0 && !o.right);
			expect(answered.map((o) => `${o.question.q} → ${o.got}`)).toEqual([]);
		}
	});
});
