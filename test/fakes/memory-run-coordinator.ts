/**
 * A RunCoordinator in memory, for tests: claims in a map shared by every coordinator made with the
 * same `claims`, as replicas share one backend. The contract suite runs against it, and its
 * deliberately broken variants must fail it.
 */
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";

export class MemoryRunCoordinator implements RunCoordinator {
	/** key -> when its claim ends, in epoch milliseconds. */
	readonly claims: Map<string, number>;
	private readonly keepDoneMs: number;

	constructor(options: { readonly claims?: Map<string, number>; readonly keepDoneMs?: number } = {}) {
		this.claims = options.claims ?? new Map();
		this.keepDoneMs = options.keepDoneMs ?? 3_600_000;
	}

	async shouldRun(key: string, ttlMs: number): Promise<boolean> {
		const until = this.claims.get(key);
		if (until !== undefined && until > Date.now()) return false;
		this.claims.set(key, Date.now() + ttlMs);
		return true;
	}

	async onComplete(key: string): Promise<void> {
		if (this.claims.has(key)) this.claims.set(key, Date.now() + this.keepDoneMs);
	}
}
