/**
 * Opens the embedded store in a data folder: creates the folder and `kubecoach.db`, brings the
 * schema up to date, and imports the journal store's files if the folder still has them. What
 * goes wrong with the folder or the file is one StoreOpenError line (sqlite-errors.ts); a journal
 * store still running there is a StoreLockedError naming its pid.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Logger, silentLogger } from "../../src/ports/logger.ts";
import { SqliteConnection } from "./connection.ts";
import { DATABASE_FILE, openDatabase } from "./database.ts";
import { settleJournalStore } from "./journal-import/import-journal-store.ts";
import { toOpenError } from "./sqlite-errors.ts";
import { SqliteStore, SqliteTables } from "./sqlite-store.ts";

export interface SqliteStoreConfig {
	/** The data folder; created when missing. */
	readonly dir: string;
	/** Where the import and disk trouble are reported (default: nowhere). */
	readonly logger?: Logger;
}

export async function openSqliteStore(config: SqliteStoreConfig): Promise<SqliteStore> {
	const file = join(config.dir, DATABASE_FILE);
	const logger = config.logger ?? silentLogger;
	let connection: SqliteConnection | undefined;
	try {
		await mkdir(config.dir, { recursive: true });
		connection = new SqliteConnection(openDatabase(file), file, logger);
		await settleJournalStore(connection, new SqliteTables(connection), config.dir, logger);
		return new SqliteStore(connection);
	} catch (error) {
		connection?.close();
		throw toOpenError(error, config.dir, file);
	}
}
