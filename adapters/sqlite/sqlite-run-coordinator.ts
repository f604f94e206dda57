/**
 * The RunCoordinator of the embedded store: claims live in the database (run_claims), so that
 * every process using the same data folder runs each scheduled fire once, and a fire is still
 * claimed after a restart. A claim is one INSERT ... ON CONFLICT in the store's write transaction:
 * it wins only if no unexpired claim for the key exists. Expired claims are deleted as new ones
 * arrive, so the table holds only the fires of the last `keepDoneMs`.
 */
import type { StatementSync } from "node:sqlite";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { SqliteConnection } from "./connection.ts";

export class SqliteRunCoordinator implements RunCoordinator {
	private readonly connection: SqliteConnection;
	private readonly now: () => number;
	private readonly keepDoneMs: number;
	private readonly claim: StatementSync;
	private readonly complete: StatementSync;
	private readonly prune: StatementSync;

	/** `keepDoneMs`: how long a completed fire stays claimed (default one hour). */
	constructor(connection: SqliteConnection, options: { readonly now?: () => number; readonly keepDoneMs?: number } = {}) {
		this.connection = connection;
		this.now = options.now ?? Date.now;
		this.keepDoneMs = options.keepDoneMs ?? 3_600_000;
		this.claim = connection.db.prepare(
			`INSERT INTO run_claims (key, until) VALUES (:key, :until)
			 ON CONFLICT (key) DO UPDATE SET until = excluded.until WHERE run_claims.until <= :now`,
		);
		this.complete = connection.db.prepare("UPDATE run_claims SET until = max(until, ?) WHERE key = ?");
		this.prune = connection.db.prepare("DELETE FROM run_claims WHERE until <= ?");
	}

	shouldRun(key: string, ttlMs: number): Promise<boolean> {
		return this.connection.write("write", () => {
			const now = this.now();
			this.prune.run(now);
			return Number(this.claim.run({ key, until: now + ttlMs, now }).changes) === 1;
		});
	}

	async onComplete(key: string): Promise<void> {
		await this.connection.write("write", () => this.complete.run(this.now() + this.keepDoneMs, key));
	}
}
