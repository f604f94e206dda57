/**
 * Writes a journal store's snapshot and replays its changes into the database, through the same
 * table operations the SQLite store uses, so that the result is what the journal store itself
 * held. Call inside a transaction. A record that does not fit (a field missing, the wrong type)
 * stops the import with the file and the entry named; the caller rolls everything back.
 */

import { StoreOpenError, sqliteCode } from "../sqlite-errors.ts";
import type { SqliteTables } from "../sqlite-store.ts";
import { JOURNAL_FILE, type JournalOp, type JournalSnapshot, SNAPSHOT_FILE } from "./journal-records.ts";
import type { JournalStoreContents } from "./read-journal-store.ts";

/** SQLite's primary code for a constraint (NOT NULL, CHECK): a record that does not fit the schema. */
const SQLITE_CONSTRAINT = 19;

const quizKey = (channelId: string, quizId: string) => JSON.stringify([channelId, quizId]);

function applyOp(tables: SqliteTables, op: JournalOp): void {
	switch (op.op) {
		case "saveChannel":
			tables.channels.save(op.settings);
			return;
		case "updateChannel":
			tables.channels.update(op.channelId, op.patch);
			return;
		case "recordDrop":
			tables.channels.recordDrop(op.channelId, op.episode, op.at);
			return;
		case "undoDrop":
			tables.channels.undoDrop(op.channelId, op.episode, op.droppedAt, op.previousDropAt);
			return;
		case "saveQuizPost":
			tables.quizPosts.save(op.post);
			return;
		case "scheduleQuizPost":
			tables.quizPosts.schedule(op.post);
			return;
		case "claimQuizPost":
			tables.quizPosts.claimScheduled(op.channelId, op.quizId);
			return;
		case "markQuizRevealed":
			tables.quizPosts.markRevealed(op.channelId, op.quizId, op.at);
			return;
		case "recordAnswer":
			tables.answers.record(op.answer);
			return;
		case "saveCard":
			tables.cards.save(op.card);
			return;
		default:
			throw new TypeError(`unknown change "${String((op as { op: unknown }).op)}"`);
	}
}

function* snapshotSteps(tables: SqliteTables, snapshot: JournalSnapshot): Generator<[string, () => void]> {
	const opening = new Set((snapshot.opening ?? []).map(([c, q]) => quizKey(c, q)));
	const claimed = new Set((snapshot.claimed ?? []).map(([c, q]) => quizKey(c, q)));
	for (const [i, settings] of snapshot.channels.entries()) yield [`channel ${i + 1}`, () => tables.channels.save(settings)];
	for (const [i, post] of snapshot.quizPosts.entries()) {
		const key = quizKey(post.channelId, post.id);
		const state = claimed.has(key) ? "claimed" : opening.has(key) ? "waiting" : null;
		yield [`quiz post ${i + 1}`, () => tables.quizPosts.restore(post, state)];
	}
	for (const [i, answer] of snapshot.answers.entries()) yield [`answer ${i + 1}`, () => void tables.answers.restore(answer)];
	for (const [i, streak] of snapshot.streaks.entries()) yield [`streak ${i + 1}`, () => tables.answers.restoreStreak(streak)];
	for (const [i, card] of snapshot.cards.entries()) yield [`card ${i + 1}`, () => tables.cards.save(card)];
}

export function countRecords(contents: JournalStoreContents): number {
	const s = contents.snapshot;
	const inSnapshot = s ? s.channels.length + s.quizPosts.length + s.answers.length + s.streaks.length + s.cards.length : 0;
	return inSnapshot + contents.ops.length;
}

/** Writes everything; `progress(done)` is called after each record. */
export function replayJournal(dir: string, tables: SqliteTables, contents: JournalStoreContents, progress: (done: number) => void): void {
	let done = 0;
	const step = (file: string, what: string, apply: () => void) => {
		try {
			apply();
		} catch (error) {
			const code = sqliteCode(error);
			if (code !== null && code !== SQLITE_CONSTRAINT) throw error; // the disk's trouble, not the record's
			throw new StoreOpenError(
				"store-import-unreadable",
				`The journal store in ${dir} cannot be imported: ${what} of ${file} is not a record kubecoach knows (${error instanceof Error ? error.message : String(error)}). Nothing was imported and its files are unchanged.`,
				{ cause: error },
			);
		}
		progress(++done);
	};
	if (contents.snapshot) for (const [what, apply] of snapshotSteps(tables, contents.snapshot)) step(SNAPSHOT_FILE, what, apply);
	for (const [i, op] of contents.ops.entries()) step(JOURNAL_FILE, `change ${i + 1}`, () => applyOp(tables, op));
}
