/**
 * The chart worker (chart.ts): draws the chart it is given and posts the PNG back. Only in a worker:
 * imported on the main thread (bin/warm-caches.ts compiles every module) it draws nothing.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { type ChartInput, renderChartHere } from "./chart.ts";

if (!isMainThread && parentPort !== null) {
	const png = await renderChartHere(workerData as ChartInput);
	parentPort.postMessage(png, [png.buffer as ArrayBuffer]);
}
