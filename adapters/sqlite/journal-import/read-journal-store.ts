/**
 * Reads a journal-store data folder as the journal store itself did at start: the snapshot, then
 * the journal lines after its seq. A torn last line (a crash mid-append) is dropped, as the journal
 * store dropped it; a damaged line elsewhere stops the import with the file and line named.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeJson } from "../../../src/json-with-dates.ts";
import { StoreOpenError } from "../sqlite-errors.ts";
import { JOURNAL_FILE, type JournalOp, type JournalSnapshot, SNAPSHOT_FILE } from "./journal-records.ts";

/** sha256 of each file as found (null: absent), to recognise the same files on a later start. */
export interface JournalFingerprint {
	readonly snapshot: string | null;
	readonly journal: string | null;
}

export interface JournalStoreFiles {
	readonly snapshotText: string | null;
	readonly journalText: string | null;
	readonly fingerprint: JournalFingerprint;
}

export interface JournalStoreContents {
	readonly snapshot: JournalSnapshot | null;
	readonly ops: JournalOp[];
}

async function readIfExists(path: string): Promise<string | null> {
	try {
		return await readFile(path, "utf8");
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
		throw error;
	}
}

const SNAPSHOT_LISTS = ["channels", "quizPosts", "answers", "streaks", "cards"];

const sha256 = (text: string | null) => (text === null ? null : createHash("sha256").update(text).digest("hex"));

/** The folder's journal-store files, or null when it has none (a new folder, or imported already). */
export async function findJournalStore(dir: string): Promise<JournalStoreFiles | null> {
	const snapshotText = await readIfExists(join(dir, SNAPSHOT_FILE));
	const journalText = await readIfExists(join(dir, JOURNAL_FILE));
	if (snapshotText === null && journalText === null) return null;
	return { snapshotText, journalText, fingerprint: { snapshot: sha256(snapshotText), journal: sha256(journalText) } };
}

function unreadable(dir: string, file: string, what: string, cause: unknown): StoreOpenError {
	return new StoreOpenError(
		"store-import-unreadable",
		`The journal store in ${dir} cannot be imported: ${join(dir, file)} ${what}. Nothing was imported and its files are unchanged: restore them from a backup, or move them out of the folder to start with an empty store.`,
		{ cause },
	);
}

/** Parses the files into the snapshot and the changes after it, in order. */
export function parseJournalStore(dir: string, files: JournalStoreFiles): JournalStoreContents {
	let saved: { seq: number; data: JournalSnapshot } | null = null;
	if (files.snapshotText !== null) {
		try {
			saved = decodeJson(files.snapshotText) as { seq: number; data: JournalSnapshot };
		} catch (error) {
			throw unreadable(dir, SNAPSHOT_FILE, "is not valid JSON", error);
		}
	}
	const data = saved?.data as unknown as Record<string, unknown> | undefined;
	if (saved !== null && (typeof data !== "object" || data === null || !SNAPSHOT_LISTS.every((list) => Array.isArray(data[list])))) {
		throw unreadable(dir, SNAPSHOT_FILE, "does not hold a journal-store snapshot", null);
	}
	const snapshotSeq = saved?.seq ?? 0;
	const ops: JournalOp[] = [];
	const lines = (files.journalText ?? "").split("\n");
	for (const [index, line] of lines.entries()) {
		if (line === "") continue;
		let entry: { seq: number; op: JournalOp };
		try {
			entry = decodeJson(line) as { seq: number; op: JournalOp };
		} catch (error) {
			// Only the last line can be torn by a crash mid-append; anything else is damage.
			if (index === lines.length - 1) break;
			throw unreadable(dir, JOURNAL_FILE, `line ${index + 1} is not valid JSON`, error);
		}
		if (entry.seq > snapshotSeq) ops.push(entry.op);
	}
	return { snapshot: saved?.data ?? null, ops };
}
