/**
 * Opens the database file with the settings every connection needs, and brings its schema up to
 * date (schema.ts).
 *
 * Durability: WAL with synchronous=FULL, so every COMMIT fsyncs the write-ahead log before it
 * returns and an acknowledged write survives a power cut, not only a crashed process.
 * synchronous=NORMAL would survive SIGKILL as well but may lose the last commits when the machine
 * itself goes down, which the store's promise ("recorded" means on disk) does not allow. The cost
 * is one fsync per commit, and the group commit (group-commit.ts) shares it among every call in
 * flight.
 *
 * Several processes may open the same file (see sqlite-store.ts): a busy timeout makes a writer
 * wait for another one's transaction instead of failing at once.
 */
import type { DatabaseSync } from "node:sqlite";
import { loadSqlite } from "./load-sqlite.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "./schema.ts";
import { StoreOpenError } from "./sqlite-errors.ts";

export const DATABASE_FILE = "kubecoach.db";

/** How long a write waits for another process's transaction before it reports the store busy. */
const BUSY_TIMEOUT_MS = 5_000;

function userVersion(db: DatabaseSync): number {
	return Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
}

/** Applies the migrations the file lacks, in one transaction; a second process waits for it. */
function migrate(db: DatabaseSync, file: string): void {
	const tooNew = (version: number) =>
		new StoreOpenError(
			"store-newer-schema",
			`The database ${file} was written by a newer kubecoach (schema ${version}; this one knows up to ${SCHEMA_VERSION}): run that version, or a newer one.`,
		);
	const seen = userVersion(db);
	if (seen > SCHEMA_VERSION) throw tooNew(seen);
	if (seen === SCHEMA_VERSION) return;
	db.exec("BEGIN IMMEDIATE");
	try {
		const current = userVersion(db);
		if (current > SCHEMA_VERSION) throw tooNew(current);
		for (const migration of MIGRATIONS) if (migration.version > current) db.exec(migration.sql);
		db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
		db.exec("COMMIT");
	} catch (error) {
		if (db.isTransaction) db.exec("ROLLBACK");
		throw error;
	}
}

/** Opens (creating it if needed) and migrates the database at `file`. */
export function openDatabase(file: string): DatabaseSync {
	const { DatabaseSync } = loadSqlite();
	const db = new DatabaseSync(file);
	try {
		db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
		const mode = (db.prepare("PRAGMA journal_mode = WAL").get() as { journal_mode: string }).journal_mode;
		if (mode !== "wal") {
			throw new StoreOpenError(
				"store-io-error",
				`The database ${file} cannot use write-ahead logging here (journal mode ${mode}): put KUBECOACH_DATA_DIR on a local disk.`,
			);
		}
		// journal_size_limit: truncate the log back to 64 MiB after a checkpoint instead of keeping its peak size.
		db.exec("PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 67108864");
		migrate(db, file);
		// SQLite opens a file it may not write read-only without a word: find out now, not at the
		// first answer.
		db.exec("BEGIN IMMEDIATE; ROLLBACK");
		return db;
	} catch (error) {
		db.close();
		throw error;
	}
}
