/**
 * Runs declared jobs on their cron schedules (node-cron syntax, read in each job's time zone by
 * src/schedule/) with timers of our own. Every fire goes through the RunCoordinator (the Redis one
 * with several replicas, the SQLite one otherwise) under the key `<job name>:<slot as ISO time>`,
 * so one replica runs each fire; the jobs themselves are safe to run twice anyway (their items are
 * claimed in the Store).
 * - A timer that fires late still runs its fire. After a machine suspend or a clock jump forward,
 *   one run serves the latest fire that passed, not a burst of every one missed.
 * - No overlap: a fire that comes while the job's previous run is still going is skipped, not stacked.
 * - Fail-closed: when the coordinator cannot decide, the fire is skipped (one log line).
 */
import type { Clock } from "../src/ports/clock.ts";
import type { Logger } from "../src/ports/logger.ts";
import type { RunCoordinator } from "../src/ports/run-coordinator.ts";
import { type CronSpec, parseCron } from "../src/schedule/cron-expression.ts";
import { latestFire } from "../src/schedule/latest-fire.ts";
import { nextFire } from "../src/schedule/next-fire.ts";
import { checkTimeZone } from "../src/schedule/time-zone.ts";
import type { Job } from "./job.ts";
import { waitUntil } from "./wait-until.ts";

/**
 * How long a replica's claim on a fire lasts, run unfinished, before another replica may take the
 * same fire: node-cron's lease, kept so that replicas of mixed versions agree.
 */
export const FIRE_LEASE_MS = 30_000;

export interface RunningJobs {
	/** Stops every schedule; resolves when the runs in flight have finished. */
	stop(): Promise<void>;
}

interface Context {
	readonly coordinator: RunCoordinator;
	readonly clock: Clock;
	readonly logger: Logger;
	readonly signal: AbortSignal;
	readonly inFlight: Set<Promise<void>>;
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** One fire, coordinated: claimed under its key, run, then marked done. Never throws. */
async function fire(job: Job, slot: Date, context: Context): Promise<void> {
	const key = `${job.name}:${slot.toISOString()}`;
	let elected: boolean;
	try {
		elected = await context.coordinator.shouldRun(key, FIRE_LEASE_MS);
	} catch (error) {
		context.logger.error(`Job ${job.name}: skipped the fire at ${slot.toISOString()}, the run coordinator failed: ${reason(error)}`);
		return;
	}
	if (!elected) return;
	try {
		await job.run(context.clock.now());
	} catch (error) {
		context.logger.error(`Job ${job.name} failed: ${reason(error)}`);
	}
	try {
		await context.coordinator.onComplete(key);
	} catch (error) {
		context.logger.error(`Job ${job.name}: the run coordinator did not record the fire at ${slot.toISOString()} as done: ${reason(error)}`);
	}
}

/** Follows one job's schedule until stopped (or until the schedule fires no more). */
async function follow(job: Job, spec: CronSpec, timeZone: string, context: Context): Promise<void> {
	const { clock, logger } = context;
	let next = nextFire(spec, timeZone, clock.now());
	let running: Promise<void> | undefined;
	while (next !== null) {
		const outcome = await waitUntil(clock, next.getTime(), context.signal);
		if (outcome === "stopped" || context.signal.aborted) return;
		const now = clock.now();
		if (outcome === "clock-went-back") {
			// Waiting for a fire computed before the jump could leave the job idle for as long as the jump.
			next = nextFire(spec, timeZone, now);
			continue;
		}
		let slot = next;
		next = nextFire(spec, timeZone, slot);
		if (next !== null && next.getTime() <= now.getTime()) {
			const latest = latestFire(spec, timeZone, now);
			if (latest !== null && latest.getTime() > slot.getTime()) {
				logger.warn(
					`Job ${job.name}: fires from ${slot.toISOString()} to ${latest.toISOString()} passed while the process was not running them (a suspend or a clock jump); one run serves the latest`,
				);
				slot = latest;
			}
			next = nextFire(spec, timeZone, now);
		}
		if (running !== undefined) {
			logger.warn(`Job ${job.name}: skipped the fire at ${slot.toISOString()}, its previous run is still going`);
			continue;
		}
		const run = fire(job, slot, context).finally(() => {
			running = undefined;
			context.inFlight.delete(run);
		});
		running = run;
		context.inFlight.add(run);
	}
	logger.warn(`Job ${job.name}: its schedule "${job.schedule}" fires no more`);
}

/** Starts every job's schedule. Throws a ScheduleError for a schedule or time zone that cannot be read, before starting any. */
export function startJobs(
	jobs: readonly Job[],
	options: { readonly coordinator: RunCoordinator; readonly clock: Clock; readonly logger: Logger },
): RunningJobs {
	const parsed = jobs.map((job) => ({ job, spec: parseCron(job.schedule), timeZone: checkTimeZone(job.timeZone) }));
	const stopping = new AbortController();
	const context: Context = { ...options, signal: stopping.signal, inFlight: new Set() };
	// follow() has nothing that should throw; if it does, the job stops with one line, not the process.
	const schedules = parsed.map(({ job, spec, timeZone }) =>
		follow(job, spec, timeZone, context).catch((error: unknown) => {
			options.logger.error(`Job ${job.name}: its schedule stopped: ${reason(error)}`);
		}),
	);
	return {
		async stop() {
			stopping.abort();
			await Promise.all(schedules);
			await Promise.all([...context.inFlight]);
		},
	};
}
