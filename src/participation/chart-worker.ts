/** The chart worker (chart.ts): draws the chart it is given and posts the PNG back. */
import { parentPort, workerData } from "node:worker_threads";
import { type ChartInput, renderChartHere } from "./chart.ts";

const png = await renderChartHere(workerData as ChartInput);
parentPort?.postMessage(png, [png.buffer as ArrayBuffer]);
