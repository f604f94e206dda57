/** Signed requests sent `concurrency` at a time, timed one by one: the load of the Slack HTTP benches. */
import { percentile } from "./measure.ts";

export interface Round {
	readonly perSecond: number;
	readonly p50: number;
	readonly p99: number;
}

/** Sends requests 0..count-1 through `send`, `concurrency` at a time; each must answer 200. */
export async function concurrentLoad(
	count: number,
	concurrency: number,
	send: (n: number) => Promise<{ readonly status: number }>,
): Promise<Round> {
	const times: number[] = [];
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < count) {
			const n = next++;
			const start = performance.now();
			const response = await send(n);
			times.push(performance.now() - start);
			if (response.status !== 200) throw new Error(`request ${n} answered ${response.status}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const elapsed = (performance.now() - started) / 1000;
	times.sort((a, b) => a - b);
	return { perSecond: count / elapsed, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The round with the most requests a second: the machine's best, least disturbed by other work. */
export const best = (rounds: readonly Round[]): Round => [...rounds].sort((a, b) => b.perSecond - a.perSecond)[0] as Round;
