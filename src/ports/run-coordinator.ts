/**
 * Decides which process runs a scheduled fire when several bot replicas run the same schedules.
 * Its shape matches node-cron's RunCoordinator, so jobs/ can hand an implementation to
 * node-cron's setRunCoordinator without src/ importing node-cron.
 *
 * node-cron builds one key per fire: `<task name>:<scheduled slot as ISO time>`.
 */
export interface RunCoordinator {
	/**
	 * Returns true for exactly one caller per key among all processes sharing the coordinator,
	 * while the lease lasts: `ttlMs` milliseconds from the first call. Later callers get false.
	 * Throws (node-cron then skips the fire, fail-closed) when the decision cannot be made.
	 */
	shouldRun(key: string, ttlMs: number): Promise<boolean>;
	/**
	 * Called by the winner after the run. The fire stays claimed after completion so that a
	 * replica whose clock lags cannot run it again; implementations say for how long. Idempotent.
	 */
	onComplete(key: string): Promise<void>;
}
