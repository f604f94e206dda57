import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.ts";
import { mainCourse } from "../helpers/course.ts";
import { EVAL_SET_FILES, loadEvalSet, loadFreshSet, loadRealSet, scoreEvalSet } from "./eval-set.ts";

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

	it("answers at least 98% of the first set with the right term first and declines all its off-topic questions", () => {
		expect(first?.overallAccuracy, first?.misses).toBeGreaterThanOrEqual(0.98);
		expect(first?.onTopicAccuracy, first?.misses).toBeGreaterThanOrEqual(0.975);
		expect(first?.offTopicDeclined).toBe(first?.offTopicCount);
	});

	it("stays at 96.5% or more on each held-out set and declines all its off-topic questions", () => {
		for (const set of heldOut) {
			expect(set.overallAccuracy, `${set.file}\n${set.misses}`).toBeGreaterThanOrEqual(0.965);
			expect(set.onTopicAccuracy, `${set.file}\n${set.misses}`).toBeGreaterThanOrEqual(0.96);
			expect(set.offTopicDeclined, `${set.file}\n${set.misses}`).toBe(set.offTopicCount);
		}
	});

	it("answers real questions from issue trackers and pasted output, and declines the ones the course does not cover", () => {
		const real = loadRealSet();
		expect(real.length).toBeGreaterThanOrEqual(150);
		expect(real.filter((q) => q.expect.length === 0).length).toBeGreaterThanOrEqual(20);
		const result = scoreEvalSet(real, (q) => explainer.explain(q).term ?? null);
		const misses = result.wrong.map((o) => `${JSON.stringify(o.question.q.slice(0, 100))} → ${o.got ?? "declined"}`).join("\n");
		expect(result.onTopicAccuracy, misses).toBeGreaterThanOrEqual(0.965);
		expect(result.overallAccuracy, misses).toBeGreaterThanOrEqual(0.97);
		expect(result.offTopicDeclined, misses).toBe(result.offTopicCount);
	});

	// Collected after everything above and never tuned on: its floor is what a new user's questions
	// get, not what tuning reached. Two of its eight off-topic questions (cert-manager and kubelet
	// certificates) share enough words with the course to be answered today.
	it("answers at least 90% of the fresh real questions, and declines most of its off-topic ones", () => {
		const fresh = loadFreshSet();
		expect(fresh.length).toBeGreaterThanOrEqual(40);
		const result = scoreEvalSet(fresh, (q) => explainer.explain(q).term ?? null);
		const misses = result.wrong.map((o) => `${JSON.stringify(o.question.q.slice(0, 100))} → ${o.got ?? "declined"}`).join("\n");
		expect(result.overallAccuracy, misses).toBeGreaterThanOrEqual(0.9);
		expect(result.offTopicCount).toBeGreaterThanOrEqual(8);
		expect(result.offTopicDeclined, misses).toBeGreaterThanOrEqual(result.offTopicCount - 2);
	});
});
