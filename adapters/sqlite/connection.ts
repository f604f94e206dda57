/**
 * One open database file, shared by the store and the run coordinator of a process: reads run at
 * once, writes go through the group commit, and what SQLite throws is mapped (sqlite-errors.ts) and
 * logged once with the file's name, since the user only sees "please try again".
 */
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "../../src/ports/logger.ts";
import { StoreUnavailableError } from "../../src/ports/store.ts";
import { GroupCommit, type Operation } from "./group-commit.ts";
import { toStoreError } from "./sqlite-errors.ts";

export class SqliteConnection {
	readonly db: DatabaseSync;
	/** The database file, for messages. */
	readonly file: string;
	private readonly logger: Logger;
	private readonly writes: GroupCommit;
	private lastLogged = "";
	private closed = false;

	constructor(db: DatabaseSync, file: string, logger: Logger) {
		this.db = db;
		this.file = file;
		this.logger = logger;
		this.writes = new GroupCommit(db, (operation, error) => this.fail(operation, error));
	}

	private usable(): void {
		if (this.closed) throw new Error(`The store on ${this.file} is closed`);
	}

	private fail(operation: Operation, error: unknown): Error {
		const mapped = toStoreError(operation, error, this.file);
		const cause = mapped instanceof StoreUnavailableError && mapped.cause instanceof Error ? mapped.cause.message : "";
		// The same trouble (a full disk) repeats on every call: log it once, until it changes or a
		// write succeeds.
		if (cause && cause !== this.lastLogged) this.logger.warn(`store: ${cause}`);
		this.lastLogged = cause;
		return mapped;
	}

	/** Runs a read now, outside any transaction (each statement sees one consistent state). */
	read<T>(work: () => T): T {
		this.usable();
		try {
			return work();
		} catch (error) {
			throw this.fail("read", error);
		}
	}

	/** Runs a write in the next shared transaction; resolves once it is committed. */
	write<T>(operation: Operation, work: () => T): Promise<T> {
		try {
			this.usable();
		} catch (error) {
			return Promise.reject(error);
		}
		return this.writes.write(operation, work).then((value) => {
			// Committed: the trouble is over, and is logged again if it comes back.
			this.lastLogged = "";
			return value;
		});
	}

	/** Commits what is queued, then closes the file. Idempotent. */
	close(): void {
		if (this.closed) return;
		this.writes.flush();
		this.closed = true;
		this.db.close();
	}
}
