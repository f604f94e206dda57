/**
 * The single-process RunCoordinator, the default with the file store: there is no other replica
 * to defer to, so every fire runs, but each key still runs once within the process even if
 * node-cron asks twice (e.g. a task registered twice by mistake).
 */
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";

export class LocalRunCoordinator implements RunCoordinator {
	/** key -> when its claim ends, in epoch milliseconds. */
	private readonly claims = new Map<string, number>();
	private readonly now: () => number;
	private readonly keepDoneMs: number;
	private nextSweep = 0;

	/** `keepDoneMs`: how long a completed fire stays claimed (default one hour). */
	constructor(options: { readonly now?: () => number; readonly keepDoneMs?: number } = {}) {
		this.now = options.now ?? Date.now;
		this.keepDoneMs = options.keepDoneMs ?? 3_600_000;
	}

	async shouldRun(key: string, ttlMs: number): Promise<boolean> {
		const now = this.now();
		// Forget expired claims so that the map stays as small as the claims in flight; at most once
		// a second, since a chat adapter claims every interaction and a sweep per call would cost
		// more than the claim (thousands in flight, one visited entry each).
		if (now >= this.nextSweep) {
			this.claims.forEach((until, claimed) => {
				if (until <= now) this.claims.delete(claimed);
			});
			this.nextSweep = now + 1000;
		}
		const until = this.claims.get(key);
		if (until !== undefined && until > now) return false;
		this.claims.set(key, now + ttlMs);
		return true;
	}

	async onComplete(key: string): Promise<void> {
		if (this.claims.has(key)) this.claims.set(key, this.now() + this.keepDoneMs);
	}
}
