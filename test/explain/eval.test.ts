import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.ts";
import { mainCourse } from "../helpers/course.ts";
import { EVAL_SET_FILES, loadEvalSet, loadRealSet, scoreEvalSet } from "./eval-set.ts";

// Three labelled sets, each written by a different person without looking at the glossary. The
// first is the one the ranking was tuned on; the other two were held out and guard against
// tuning to it: they are reported beside it and held to a lower floor.
describe("explain on the labelled evaluation sets", () => {
	const explainer = new Explainer(mainCourse());
	const [first, ...heldOut] = EVAL_SET_FILES.map((file) => {
		const result = scoreEvalSet(loadEvalSet(file), (q) => explainer.explain(q).term ?? null);
		const misses = result.wrong.map(
			(o) => `${JSON.stringify(o.question.q)} → ${o.got ?? "declined"} (expected ${o.question.expect.join(" or ") || "a decline"})`,
		);
		return { file, ...result, misses: misses.join("\n") };
	});

	it("has at least 100 questions in each set, ten of them off-topic", () => {
		for (const set of [first, ...heldOut]) {
			expect(set?.outcomes.length, set?.file).toBeGreaterThanOrEqual(100);
			expect(set?.offTopicCount, set?.file).toBeGreaterThanOrEqual(10);
		}
	});

	it("answers at least 97% of the first set with the right term first and declines all its off-topic questions", () => {
		expect(first?.overallAccuracy, first?.misses).toBeGreaterThanOrEqual(0.97);
		expect(first?.onTopicAccuracy, first?.misses).toBeGreaterThanOrEqual(0.965);
		expect(first?.offTopicDeclined).toBe(first?.offTopicCount);
	});

	it("stays at 93.5% or more on each held-out set and declines all its off-topic questions", () => {
		for (const set of heldOut) {
			expect(set.overallAccuracy, `${set.file}\n${set.misses}`).toBeGreaterThanOrEqual(0.935);
			expect(set.offTopicDeclined, `${set.file}\n${set.misses}`).toBe(set.offTopicCount);
		}
	});

	it("answers real questions from issue trackers and pasted output, and declines the ones the course does not cover", () => {
		const real = loadRealSet();
		expect(real.length).toBeGreaterThanOrEqual(150);
		expect(real.filter((q) => q.expect.length === 0).length).toBeGreaterThanOrEqual(20);
		const result = scoreEvalSet(real, (q) => explainer.explain(q).term ?? null);
		const misses = result.wrong.map((o) => `${JSON.stringify(o.question.q.slice(0, 100))} → ${o.got ?? "declined"}`).join("\n");
		expect(result.onTopicAccuracy, misses).toBeGreaterThanOrEqual(0.955);
		expect(result.overallAccuracy, misses).toBeGreaterThanOrEqual(0.96);
		expect(result.offTopicDeclined, misses).toBe(result.offTopicCount);
	});
});
