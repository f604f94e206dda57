/**
 * Runs declared jobs on node-cron. Every fire goes through the RunCoordinator (the Redis one with
 * several replicas, the local one otherwise), so one replica runs each fire; the jobs themselves
 * are safe to run twice anyway (their items are claimed in the Store). noOverlap: a run that takes
 * longer than the tick is not stacked under the next one.
 */
import cron, { type Logger as CronLogger, type ScheduledTask } from "node-cron";
import type { Clock } from "../src/ports/clock.ts";
import type { Logger } from "../src/ports/logger.ts";
import type { RunCoordinator } from "../src/ports/run-coordinator.ts";
import type { Job } from "./job.ts";

export interface RunningJobs {
	/** Stops every task; resolves when they are gone and the runs in flight have finished. */
	stop(): Promise<void>;
}

function cronLogger(logger: Logger): CronLogger {
	const text = (m: string | Error, e?: Error) => `node-cron: ${m instanceof Error ? m.message : m}${e ? `: ${e.message}` : ""}`;
	return {
		info: () => {},
		debug: () => {},
		warn: (message) => logger.warn(text(message)),
		error: (message, error) => logger.error(text(message, error)),
	};
}

export function startJobs(
	jobs: readonly Job[],
	options: { readonly coordinator: RunCoordinator; readonly clock: Clock; readonly logger: Logger },
): RunningJobs {
	const running = new Set<Promise<void>>();
	const tasks: ScheduledTask[] = jobs.map((job) =>
		cron.schedule(
			job.schedule,
			async () => {
				const run = job.run(options.clock.now()).catch((error: unknown) => {
					options.logger.error(`Job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
				});
				running.add(run);
				try {
					await run;
				} finally {
					running.delete(run);
				}
			},
			{
				name: job.name,
				timezone: job.timeZone,
				noOverlap: true,
				distributed: true,
				runCoordinator: options.coordinator,
				logger: cronLogger(options.logger),
			},
		),
	);
	return {
		async stop() {
			await Promise.all(tasks.map((task) => task.destroy()));
			await Promise.all([...running]);
		},
	};
}
