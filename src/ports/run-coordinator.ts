/**
 * Decides which process runs a scheduled fire when several bot replicas run the same schedules.
 *
 * jobs/cron-runner.ts builds one key per fire: `<job name>:<scheduled slot as ISO time>`, the
 * format node-cron used, so replicas of older and newer versions still agree on each fire.
 */
export interface RunCoordinator {
	/**
	 * Returns true for exactly one caller per key among all processes sharing the coordinator,
	 * while the lease lasts: `ttlMs` milliseconds from the first call. Later callers get false.
	 * Throws (the runner then skips the fire, fail-closed) when the decision cannot be made.
	 */
	shouldRun(key: string, ttlMs: number): Promise<boolean>;
	/**
	 * Called by the winner after the run. The fire stays claimed after completion so that a
	 * replica whose clock lags cannot run it again; implementations say for how long. Idempotent.
	 */
	onComplete(key: string): Promise<void>;
}
