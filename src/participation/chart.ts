/**
 * The participation chart as a PNG, drawn on the server: a Vega-Lite spec (answers and active
 * learners per week; accuracy by episode) compiled to Vega, rendered to SVG without a browser, and
 * rasterised by resvg with the DejaVu Sans font of the dejavu-fonts-ttf package and no system fonts,
 * so that the picture is the same on every machine. It is drawn in a worker thread (chart-worker.ts):
 * Vega and its dependencies stay out of the bot's own process, where loading them broke discord.js's
 * event emitter.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";

export interface ChartWeek {
	/** "YYYY-MM-DD", the Monday. */
	readonly week: string;
	readonly answers: number;
	readonly learners: number;
}

export interface ChartEpisode {
	readonly episode: number;
	/** 0..1 */
	readonly accuracy: number;
}

/** Pixel geometry the tests read bars back from: each panel's plot height and the chart's width. */
export const CHART = { width: 880, panelWidth: 380, panelHeight: 220, background: "#ffffff" } as const;

/** Bar colours, distinct enough to find in the pixels. */
export const COLOURS = { answers: "#1f77b4", learners: "#ff7f0e", accuracy: "#2ca02c" } as const;

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = [join(fontDir, "DejaVuSans.ttf"), join(fontDir, "DejaVuSans-Bold.ttf")];

function spec(weeks: readonly ChartWeek[], episodes: readonly ChartEpisode[], title: string): TopLevelSpec {
	const perWeek = weeks.flatMap((w) => [
		{ week: w.week, what: "answers", value: w.answers },
		{ week: w.week, what: "active learners", value: w.learners },
	]);
	return {
		$schema: "https://vega.github.io/schema/vega-lite/v6.json",
		title: { text: title, font: "DejaVu Sans" },
		background: CHART.background,
		config: { font: "DejaVu Sans", view: { stroke: null } },
		hconcat: [
			{
				title: "Answers and active learners per week",
				width: CHART.panelWidth,
				height: CHART.panelHeight,
				data: { values: perWeek },
				mark: { type: "bar" },
				encoding: {
					x: { field: "week", type: "ordinal", title: "week of", axis: { labelAngle: -30 } },
					xOffset: { field: "what", type: "nominal" },
					y: { field: "value", type: "quantitative", title: null, scale: { zero: true }, axis: { tickMinStep: 1, format: "d" } },
					color: {
						field: "what",
						type: "nominal",
						title: null,
						scale: { domain: ["answers", "active learners"], range: [COLOURS.answers, COLOURS.learners] },
						legend: { orient: "top" },
					},
				},
			},
			{
				title: "Accuracy by episode",
				width: CHART.panelWidth,
				height: CHART.panelHeight,
				data: { values: episodes.map((e) => ({ episode: `Ep ${e.episode}`, order: e.episode, accuracy: e.accuracy })) },
				mark: { type: "bar", color: COLOURS.accuracy },
				encoding: {
					x: { field: "episode", type: "ordinal", title: null, sort: { field: "order" } },
					y: { field: "accuracy", type: "quantitative", title: null, scale: { domain: [0, 1] }, axis: { format: "%" } },
				},
			},
		],
	};
}

export interface ChartInput {
	readonly weeks: readonly ChartWeek[];
	readonly episodes: readonly ChartEpisode[];
	readonly title: string;
}

/** The chart as a PNG, drawn in a worker thread. Figures are drawn as given; an empty period draws empty panels. */
export function renderChart(weeks: readonly ChartWeek[], episodes: readonly ChartEpisode[], title: string): Promise<Uint8Array> {
	const input: ChartInput = { weeks, episodes, title };
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL("./chart-worker.ts", import.meta.url), { workerData: input });
		worker.once("message", (png: Uint8Array) => {
			resolve(new Uint8Array(png));
			void worker.terminate();
		});
		worker.once("error", reject);
		worker.once("exit", (code) => {
			if (code !== 0) reject(new Error(`the chart worker stopped with code ${code}`));
		});
	});
}

/** Draws the chart in this thread (the worker's part). */
export async function renderChartHere({ weeks, episodes, title }: ChartInput): Promise<Uint8Array> {
	const [{ Resvg }, vega, { compile }] = await Promise.all([import("@resvg/resvg-js"), import("vega"), import("vega-lite")]);
	const compiled = compile(spec(weeks, episodes, title)).spec;
	const view = new vega.View(vega.parse(compiled), { renderer: "none" });
	const svg = await view.toSVG();
	view.finalize();
	const resvg = new Resvg(svg, {
		fitTo: { mode: "width", value: CHART.width },
		font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
		background: CHART.background,
	});
	return new Uint8Array(resvg.render().asPng());
}
