/**
 * Runs the store's writes in transactions shared by every call in flight (group commit). A write
 * is queued; the queue is flushed on the next turn of the event loop, in one BEGIN IMMEDIATE ...
 * COMMIT, so the calls that arrived meanwhile share one fsync. Each write runs in its own
 * savepoint: one that throws is undone alone and its caller gets the error, the others commit. A
 * write is acknowledged (its promise resolves) only after COMMIT returned, that is once it is on
 * disk (database.ts: synchronous=FULL).
 *
 * node:sqlite is synchronous, so a flush runs to its end without anything else of this process in
 * between; BEGIN IMMEDIATE takes SQLite's write lock, so no other process writes in between either.
 */
import type { DatabaseSync } from "node:sqlite";

export type Operation = "recordAnswer" | "read" | "write";

interface Pending {
	readonly operation: Operation;
	readonly work: () => unknown;
	readonly resolve: (value: never) => void;
	readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export class GroupCommit {
	private readonly db: DatabaseSync;
	/** Turns what SQLite threw into what the caller gets (StoreUnavailableError for the disk's faults). */
	private readonly fail: (operation: Operation, error: unknown) => Error;
	private queue: Pending[] = [];
	private scheduled = false;

	constructor(db: DatabaseSync, fail: (operation: Operation, error: unknown) => Error) {
		this.db = db;
		this.fail = fail;
	}

	/** Runs `work` (synchronous SQL) in the next shared transaction; resolves with its result once committed. */
	write<T>(operation: Operation, work: () => T): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ operation, work, resolve: resolve as (value: never) => void, reject });
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => this.flush());
			}
		});
	}

	/** Commits every queued write now (close() calls it so that nothing queued is dropped). */
	flush(): void {
		this.scheduled = false;
		const batch = this.queue;
		this.queue = [];
		if (batch.length === 0) return;
		const failAll = (error: unknown) => {
			for (const pending of batch) pending.reject(this.fail(pending.operation, error));
		};
		try {
			this.db.exec("BEGIN IMMEDIATE");
		} catch (error) {
			failAll(error);
			return;
		}
		const outcomes: Outcome[] = [];
		for (const pending of batch) {
			try {
				this.db.exec("SAVEPOINT one_write");
				const value = pending.work();
				this.db.exec("RELEASE one_write");
				outcomes.push({ ok: true, value });
			} catch (error) {
				// A full disk or an I/O error can make SQLite roll the whole transaction back by itself:
				// then the writes before this one are gone too, and nobody may hear "done".
				if (!this.db.isTransaction || !this.tryExec("ROLLBACK TO one_write; RELEASE one_write")) {
					this.abandon();
					failAll(error);
					return;
				}
				outcomes.push({ ok: false, error });
			}
		}
		try {
			this.db.exec("COMMIT");
		} catch (error) {
			this.abandon();
			failAll(error);
			return;
		}
		for (const [i, pending] of batch.entries()) {
			const outcome = outcomes[i];
			if (outcome?.ok) pending.resolve(outcome.value as never);
			else pending.reject(this.fail(pending.operation, outcome?.error));
		}
	}

	private tryExec(sql: string): boolean {
		try {
			this.db.exec(sql);
			return true;
		} catch {
			return false;
		}
	}

	/** Rolls back what is left of a failed transaction, if anything. */
	private abandon(): void {
		if (this.db.isTransaction) this.tryExec("ROLLBACK");
	}
}
