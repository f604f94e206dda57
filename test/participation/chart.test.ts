import { describe, expect, it } from "vitest";
import { CHART, COLOURS, renderChart } from "../../src/participation/chart.ts";
import { barHeights, decodePng } from "../helpers/png.ts";

describe("the participation chart", () => {
	it("is a PNG of the chart's width whose bars, read back from the pixels, have the figures' proportions", async () => {
		const png = await renderChart(
			[
				{ week: "2026-03-02", answers: 40, learners: 20 },
				{ week: "2026-03-09", answers: 10, learners: 30 },
				{ week: "2026-03-16", answers: 20, learners: 5 },
			],
			[
				{ episode: 1, accuracy: 0.5 },
				{ episode: 2, accuracy: 1 },
				{ episode: 3, accuracy: 0.25 },
			],
			"Participation",
		);
		const pixels = decodePng(png);
		expect(pixels.width).toBe(CHART.width);
		expect(pixels.height).toBeGreaterThan(CHART.panelHeight);
		expect(pixels.height).toBeLessThan(CHART.panelHeight * 2);
		const answers = barHeights(pixels, COLOURS.answers);
		const learners = barHeights(pixels, COLOURS.learners);
		const accuracy = barHeights(pixels, COLOURS.accuracy);
		expect(answers).toHaveLength(3);
		expect(learners).toHaveLength(3);
		expect(accuracy).toHaveLength(3);
		// Answers and learners share the left panel's axis (0..40); accuracy has 0..100%.
		const scale = (answers[0] ?? 0) / 40;
		const near = (height: number | undefined, value: number) => expect(Math.abs((height ?? 0) - value * scale)).toBeLessThanOrEqual(3);
		near(answers[1], 10);
		near(answers[2], 20);
		near(learners[0], 20);
		near(learners[1], 30);
		near(learners[2], 5);
		const full = accuracy[1] ?? 0;
		expect(full).toBeGreaterThan(CHART.panelHeight * 0.9);
		expect(Math.abs((accuracy[0] ?? 0) - full / 2)).toBeLessThanOrEqual(3);
		expect(Math.abs((accuracy[2] ?? 0) - full / 4)).toBeLessThanOrEqual(3);
	});
});
