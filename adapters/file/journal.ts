/**
 * The file store's disk format: `snapshot.json` (all data as of sequence number `seq`, replaced by
 * write-then-rename) and `journal.jsonl` (one change a line, each with its `seq`, appended and
 * fsynced before the caller hears "recorded"). Reading tolerates a torn last line, which a crash
 * mid-append leaves; lines at or below the snapshot's seq were already folded into it and are
 * skipped, so a crash at any point of a compaction loses nothing and applies nothing twice.
 *
 * Appends are group-committed: calls arriving while a write+fsync runs share the next one.
 */
import { type FileHandle, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { decodeJson, encodeJson } from "../../src/json-with-dates.ts";

const SNAPSHOT = "snapshot.json";
const JOURNAL = "journal.jsonl";

export interface LoadedJournal {
	/** The snapshot's data, or null for a new folder. */
	readonly snapshot: unknown;
	/** Changes after the snapshot, in order. */
	readonly ops: unknown[];
	/** The highest seq seen; the next append uses seq + 1. */
	readonly seq: number;
}

interface Waiter {
	readonly line: string;
	readonly resolve: () => void;
	readonly reject: (error: unknown) => void;
}

async function readIfExists(path: string): Promise<string | null> {
	try {
		return await readFile(path, "utf8");
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
		throw error;
	}
}

/** Reads the folder's snapshot and the journal lines after it. */
export async function loadJournal(dir: string): Promise<LoadedJournal> {
	const snapshotText = await readIfExists(join(dir, SNAPSHOT));
	const saved = snapshotText === null ? null : (decodeJson(snapshotText) as { seq: number; data: unknown });
	let seq = saved?.seq ?? 0;
	const ops: unknown[] = [];
	const lines = ((await readIfExists(join(dir, JOURNAL))) ?? "").split("\n");
	for (const [index, line] of lines.entries()) {
		if (line === "") continue;
		let entry: { seq: number; op: unknown };
		try {
			entry = decodeJson(line) as { seq: number; op: unknown };
		} catch (error) {
			// Only the last line can be torn by a crash mid-append; anything else is damage.
			if (index === lines.length - 1) break;
			throw new Error(`${join(dir, JOURNAL)} line ${index + 1} is not valid JSON; the file is damaged`, { cause: error });
		}
		if (entry.seq <= (saved?.seq ?? 0)) continue;
		ops.push(entry.op);
		seq = entry.seq;
	}
	return { snapshot: saved?.data ?? null, ops, seq };
}

/** Replaces `path` with `text` so that a crash leaves either the old or the new content. */
async function writeAtomically(dir: string, name: string, text: string): Promise<void> {
	const temporary = join(dir, `${name}.tmp`);
	const handle = await open(temporary, "w");
	try {
		await handle.writeFile(text);
		await handle.sync();
	} finally {
		await handle.close();
	}
	await rename(temporary, join(dir, name));
	// fsync the folder so that the rename itself is durable.
	const folder = await open(dir, "r");
	try {
		await folder.sync();
	} finally {
		await folder.close();
	}
}

export class Journal {
	private readonly dir: string;
	private seq: number;
	private handle: FileHandle;
	private pending: Waiter[] = [];
	private flushing: Promise<void> | null = null;
	private compaction: (() => unknown) | null = null;

	private constructor(dir: string, seq: number, handle: FileHandle) {
		this.dir = dir;
		this.seq = seq;
		this.handle = handle;
	}

	/** Writes `data` as the snapshot at `seq` and starts an empty journal after it. */
	static async start(dir: string, seq: number, data: unknown): Promise<Journal> {
		await writeAtomically(dir, SNAPSHOT, encodeJson({ seq, data }));
		await writeAtomically(dir, JOURNAL, "");
		return new Journal(dir, seq, await open(join(dir, JOURNAL), "a"));
	}

	/** Resolves once the change is on disk (fsynced); rejects when the write failed. */
	append(op: unknown): Promise<void> {
		this.seq += 1;
		const line = `${encodeJson({ seq: this.seq, op })}\n`;
		return new Promise((resolve, reject) => {
			this.pending.push({ line, resolve, reject });
			this.kick();
		});
	}

	/**
	 * Asks for the data to be folded into a new snapshot between two appends. `data` is called
	 * then, synchronously, and must return the data as of every op appended so far.
	 */
	requestCompaction(data: () => unknown): void {
		this.compaction = data;
		this.kick();
	}

	private kick(): void {
		this.flushing ??= this.run().finally(() => {
			this.flushing = null;
			// Work queued while the loop was finishing would otherwise wait for the next call.
			if (this.pending.length > 0 || this.compaction) this.kick();
		});
	}

	/** The one loop that touches the file, so that writes and compactions never overlap. */
	private async run(): Promise<void> {
		while (this.pending.length > 0 || this.compaction) {
			if (this.pending.length > 0) {
				const batch = this.pending;
				this.pending = [];
				try {
					await this.handle.appendFile(batch.map((w) => w.line).join(""));
					await this.handle.datasync();
					for (const waiter of batch) waiter.resolve();
				} catch (error) {
					for (const waiter of batch) waiter.reject(error);
				}
			} else if (this.compaction) {
				const data = this.compaction();
				const seq = this.seq;
				this.compaction = null;
				try {
					await this.handle.close();
					await writeAtomically(this.dir, SNAPSHOT, encodeJson({ seq, data }));
					await writeAtomically(this.dir, JOURNAL, "");
					this.handle = await open(join(this.dir, JOURNAL), "a");
				} catch {
					// The journal is still complete (the snapshot is only an optimisation). If the file
					// cannot be reopened either, the next append fails and reports it to its caller.
					this.handle = await open(join(this.dir, JOURNAL), "a").catch(() => this.handle);
				}
			}
		}
	}

	/** Waits for pending appends, then closes the file. */
	async close(): Promise<void> {
		while (this.flushing) await this.flushing;
		await this.handle.close();
		await rm(join(this.dir, `${JOURNAL}.tmp`), { force: true });
	}
}
