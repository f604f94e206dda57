/**
 * A scheduled job, declared: its name (the run coordinator's key prefix), its cron schedule and
 * time zone, and what one run does at a given time. Tests call `run` with a fixed clock;
 * production hands the job to our cron runner (cron-runner.ts).
 */
export interface Job {
	readonly name: string;
	/** Cron expression (node-cron syntax) for when the job runs (not when items are due: run decides that). */
	readonly schedule: string;
	readonly timeZone: string;
	/** Does what is due at `now`. Idempotent across replicas: the Store's claims decide who posts. */
	run(now: Date): Promise<void>;
}

/** Runs each job once at `now`, one after another: what a tick of all jobs does, for tests and benches. */
export async function runJobs(jobs: readonly Job[], now: Date): Promise<void> {
	for (const job of jobs) await job.run(now);
}

/** Calls `fn` on every item with at most `limit` calls in flight. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const item = items[next++] as T;
			await fn(item);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
