/**
 * Moves a journal-store data folder (the embedded store before SQLite) into the database, once.
 *
 * At open, when the folder still has `snapshot.json` or `journal.jsonl`:
 * 1. a journal store still running there (its `lock` names a live process) is refused;
 * 2. everything is imported in one transaction that also records the files' sha256 in `meta`; a
 *    crash before COMMIT leaves the database without any of it and the files untouched, so the
 *    next start imports again;
 * 3. the files are renamed `*.imported` (kept to go back; see the README) and the next start
 *    that finds the import done removes them. A crash between 2 and 3 is finished by the next
 *    start: files whose sha256 matches the record are the imported ones, renamed then.
 * Files that differ from the imported ones (someone went back to the journal store and returned),
 * or a database that already holds other data, are a conflict the user settles: nothing is
 * guessed, nothing overwritten.
 */
import { open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../../src/ports/logger.ts";
import { StoreLockedError } from "../../../src/ports/store.ts";
import type { SqliteConnection } from "../connection.ts";
import { StoreOpenError } from "../sqlite-errors.ts";
import type { SqliteTables } from "../sqlite-store.ts";
import { JOURNAL_FILE, LOCK_FILE, SNAPSHOT_FILE } from "./journal-records.ts";
import { findJournalStore, type JournalFingerprint, type JournalStoreFiles, parseJournalStore } from "./read-journal-store.ts";
import { countRecords, replayJournal } from "./replay-journal.ts";

const META_KEY = "journal-store-import";
const IMPORTED = ".imported";
/** An info line every this many records, so a long import shows it is moving. */
const PROGRESS_EVERY = 10_000;

interface ImportRecord {
	readonly importedAt: string;
	readonly fingerprint: JournalFingerprint;
}

const FILES = [
	[SNAPSHOT_FILE, "snapshot"],
	[JOURNAL_FILE, "journal"],
] as const;

function readRecord(connection: SqliteConnection): ImportRecord | null {
	const row = connection.db.prepare("SELECT value FROM meta WHERE key = ?").get(META_KEY);
	return row ? (JSON.parse(String(row.value)) as ImportRecord) : null;
}

function holdsData(connection: SqliteConnection): boolean {
	const row = connection.db
		.prepare(
			`SELECT EXISTS (SELECT 1 FROM channels) OR EXISTS (SELECT 1 FROM quiz_posts) OR EXISTS (SELECT 1 FROM answers)
			 OR EXISTS (SELECT 1 FROM cards) AS found`,
		)
		.get();
	return row?.found === 1;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to another user, so it is alive.
		return (error as NodeJS.ErrnoException).code === "EPERM";
	}
}

/** Refuses a folder a journal store still writes to: importing under it would lose its last changes. */
async function refuseRunningJournalStore(dir: string): Promise<void> {
	const holder = Number.parseInt(await readFile(join(dir, LOCK_FILE), "utf8").catch(() => ""), 10);
	if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
		throw new StoreLockedError(
			`The data folder ${dir} is in use by process ${holder}, an older kubecoach that keeps its data in files there: stop it, then start this one, which imports that data. (If process ${holder} is not kubecoach, delete ${join(dir, LOCK_FILE)}.)`,
		);
	}
}

function conflict(dir: string, file: string, why: string): StoreOpenError {
	return new StoreOpenError(
		"store-import-conflict",
		`${dir} holds both the database ${file} and a journal store (${SNAPSHOT_FILE}, ${JOURNAL_FILE}) ${why}: to keep the database, move those two files out of the folder; to import them instead, move ${file} and its -wal and -shm files out (README: "Going back from the import").`,
	);
}

function ignoreMissing(error: unknown): void {
	if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}

async function syncFolder(dir: string): Promise<void> {
	const folder = await open(dir, "r");
	try {
		await folder.sync();
	} finally {
		await folder.close();
	}
}

/** Renames the imported files `*.imported`, each only if it is still the file that was imported. */
async function setAside(dir: string, files: JournalStoreFiles, record: ImportRecord, file: string): Promise<void> {
	for (const [, part] of FILES) {
		const found = files.fingerprint[part];
		if (found === null) continue;
		if (found !== record.fingerprint[part]) throw conflict(dir, file, `that differs from the one imported on ${record.importedAt}`);
	}
	for (const [name, part] of FILES) {
		// ENOENT: another process starting on the same folder renamed it first.
		if (files.fingerprint[part] !== null) await rename(join(dir, name), join(dir, name + IMPORTED)).catch(ignoreMissing);
	}
	await rm(join(dir, LOCK_FILE), { force: true });
	await syncFolder(dir);
}

function importOnce(connection: SqliteConnection, tables: SqliteTables, dir: string, files: JournalStoreFiles, logger: Logger): boolean {
	const contents = parseJournalStore(dir, files);
	const total = countRecords(contents);
	const db = connection.db;
	db.exec("BEGIN IMMEDIATE");
	try {
		// Another process may have imported while this one read the files.
		if (readRecord(connection)) {
			db.exec("ROLLBACK");
			return false;
		}
		if (holdsData(connection)) throw conflict(dir, connection.file, "that was never imported into it");
		replayJournal(dir, tables, contents, (done) => {
			if (done % PROGRESS_EVERY === 0) logger.info(`store: importing the journal store in ${dir}: ${done} of ${total} records`);
		});
		const record: ImportRecord = { importedAt: new Date().toISOString(), fingerprint: files.fingerprint };
		db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)").run(META_KEY, JSON.stringify(record));
		db.exec("COMMIT");
		return true;
	} catch (error) {
		if (db.isTransaction) db.exec("ROLLBACK");
		throw error;
	}
}

function counts(connection: SqliteConnection): string {
	const count = (table: string) => Number(connection.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0);
	return `${count("channels")} channels, ${count("quiz_posts")} quiz posts, ${count("answers")} answers, ${count("streaks")} streaks, ${count("cards")} cards`;
}

/** Imports the folder's journal store if it has one, finishes an interrupted import, or cleans up after one. */
export async function settleJournalStore(connection: SqliteConnection, tables: SqliteTables, dir: string, logger: Logger): Promise<void> {
	const files = await findJournalStore(dir);
	const record = readRecord(connection);
	if (files === null) {
		if (record === null) return;
		// The start after the import: the database opened, so the old files are no longer needed.
		const leftovers = [...FILES.map(([name]) => name + IMPORTED), ...FILES.map(([name]) => `${name}.tmp`)];
		let removed = 0;
		for (const name of leftovers) {
			const gone = await rm(join(dir, name)).then(
				() => true,
				() => false,
			);
			if (gone) removed++;
		}
		if (removed > 0) logger.warn(`store: removed the journal store's files imported on ${record.importedAt} from ${dir}`);
		return;
	}
	await refuseRunningJournalStore(dir);
	if (record === null && importOnce(connection, tables, dir, files, logger)) {
		const done = readRecord(connection);
		if (!done) throw new Error("the import committed without its record");
		await setAside(dir, files, done, connection.file);
		logger.warn(
			`store: imported the journal store in ${dir} into ${connection.file} (${counts(connection)}); its files are kept as ${SNAPSHOT_FILE}${IMPORTED} and ${JOURNAL_FILE}${IMPORTED} until the next start (README: "Going back from the import")`,
		);
		return;
	}
	const settled = readRecord(connection);
	if (!settled) throw new Error("no import record after the import");
	await setAside(dir, files, settled, connection.file);
}
