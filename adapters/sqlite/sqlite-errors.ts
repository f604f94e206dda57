/**
 * What goes wrong with a database file, said once, in words a user can act on.
 *
 * While the store runs, trouble with the disk or the file (full, read-only, I/O error, damaged
 * pages, locked by another process for too long) becomes the port's StoreUnavailableError, whose
 * message is safe to show in chat; `cause` names the file for logs. Any other SQLite error is a
 * bug in our SQL and is rethrown as it is, not disguised as an outage.
 *
 * At open, the same trouble becomes a StoreOpenError: one line naming the file and the remedy,
 * printed by the command line instead of a stack trace.
 */
import { StoreUnavailableError } from "../../src/ports/store.ts";

/** SQLite's primary result codes (sqlite.org/rescode.html) that describe the file, not our SQL. */
const SQLITE = { PERM: 3, BUSY: 5, LOCKED: 6, NOMEM: 7, READONLY: 8, IOERR: 10, CORRUPT: 11, FULL: 13, CANTOPEN: 14, NOTADB: 26 } as const;
const ENVIRONMENTAL = new Set<number>(Object.values(SQLITE));

/** The primary result code of an error thrown by node:sqlite, or null for any other error. */
export function sqliteCode(error: unknown): number | null {
	if (error instanceof Error && "errcode" in error && typeof error.errcode === "number") return error.errcode & 0xff;
	return null;
}

function reason(error: unknown): string {
	if (error instanceof Error && "errstr" in error && typeof error.errstr === "string") return error.errstr;
	return error instanceof Error ? error.message : String(error);
}

/** For an operation of the running store: StoreUnavailableError, or the error itself if it is ours. */
export function toStoreError(operation: "recordAnswer" | "read" | "write", error: unknown, file: string): Error {
	if (error instanceof StoreUnavailableError) return error;
	const code = sqliteCode(error);
	if (code === null || !ENVIRONMENTAL.has(code)) return error instanceof Error ? error : new Error(String(error));
	return new StoreUnavailableError(operation, { cause: new Error(`${file}: ${reason(error)}`, { cause: error }) });
}

export type StoreOpenProblem =
	| "store-unwritable"
	| "store-disk-full"
	| "store-damaged"
	| "store-busy"
	| "store-io-error"
	| "store-newer-schema"
	| "store-foreign-schema"
	| "store-not-a-folder"
	| "store-import-conflict"
	| "store-import-unreadable";

/** The embedded store could not be opened; `message` is one line that says why and what to do. */
export class StoreOpenError extends Error {
	readonly code: StoreOpenProblem;

	constructor(code: StoreOpenProblem, message: string, options?: { readonly cause?: unknown }) {
		super(message, options);
		this.code = code;
		this.name = "StoreOpenError";
	}
}

const ELSEWHERE = "or set KUBECOACH_DATA_DIR to another folder";

/** Turns what opening threw (node:fs or node:sqlite) into a StoreOpenError when it is the disk's fault. */
export function toOpenError(error: unknown, dir: string, file: string): unknown {
	if (error instanceof StoreOpenError) return error;
	const code = sqliteCode(error);
	// node:fs errors carry an errno code ("EACCES"); node:sqlite's all carry "ERR_SQLITE_ERROR".
	const fsCode = code === null && error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "";
	if (["EACCES", "EPERM", "EROFS"].includes(fsCode) || code === SQLITE.READONLY || code === SQLITE.PERM || code === SQLITE.CANTOPEN) {
		return new StoreOpenError(
			"store-unwritable",
			`kubecoach cannot write its data folder ${dir} (${fsCode || reason(error)}): make the folder and the files in it writable by the user running kubecoach, ${ELSEWHERE}.`,
			{ cause: error },
		);
	}
	if (fsCode === "ENOTDIR" || fsCode === "EEXIST") {
		return new StoreOpenError("store-not-a-folder", `The data folder ${dir} is a file, not a folder: move it away, ${ELSEWHERE}.`, {
			cause: error,
		});
	}
	if (fsCode === "ENOSPC" || code === SQLITE.FULL) {
		return new StoreOpenError("store-disk-full", `The disk holding ${dir} is full: free some space and start kubecoach again.`, {
			cause: error,
		});
	}
	if (code === SQLITE.NOTADB || code === SQLITE.CORRUPT) {
		return new StoreOpenError(
			"store-damaged",
			`The database ${file} is damaged (${reason(error)}): stop kubecoach, move ${file} and its -wal and -shm files aside or restore them from a backup, then start again (README: "A damaged database").`,
			{ cause: error },
		);
	}
	if (code === SQLITE.BUSY || code === SQLITE.LOCKED) {
		return new StoreOpenError(
			"store-busy",
			`The database ${file} stayed locked by another process for too long: try again, and check what else writes to ${dir}.`,
			{ cause: error },
		);
	}
	if (code !== null && ENVIRONMENTAL.has(code)) {
		return new StoreOpenError(
			"store-io-error",
			`kubecoach could not read or write ${file} (${reason(error)}): check the disk, then start again.`,
			{ cause: error },
		);
	}
	if (code !== null) {
		// Our schema's statements fail on this file: its tables are not the ones its version says.
		return new StoreOpenError(
			"store-foreign-schema",
			`The database ${file} does not hold the tables kubecoach expects (${error instanceof Error ? error.message : reason(error)}): move it aside and start again, or restore a backup (README: "A damaged database").`,
			{ cause: error },
		);
	}
	return error;
}
