/** Small timing helpers shared by the benchmarks; figures are printed, never asserted. */

export function percentile(sortedMs: readonly number[], p: number): number {
	if (sortedMs.length === 0) return Number.NaN;
	const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
	return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

/** Runs `fn` once per input and returns the sorted per-call times in milliseconds. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown): number[] {
	const times: number[] = [];
	for (const input of inputs) {
		const start = process.hrtime.bigint();
		fn(input);
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	return times.sort((a, b) => a - b);
}

/** Median time of `runs` calls of `fn`, in milliseconds. */
export function medianOf(runs: number, fn: () => unknown): number {
	const times = timeEach(
		Array.from({ length: runs }, (_, i) => i),
		fn,
	);
	return percentile(times, 50);
}

export function ms(value: number): string {
	return value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(0)} µs`;
}

export function heading(title: string): void {
	console.log(`\n## ${title}`);
}
