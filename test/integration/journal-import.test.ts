/**
 * The journal store's data folders move into SQLite with nothing lost: a folder the journal store
 * itself wrote (test/fixtures/journal-store) and generated histories are compared record by record
 * with what the journal store held, through the Store port; the files are kept until the next
 * start; interrupted imports (killed mid-transaction, or between the commit and the renames) and
 * folders that cannot be imported leave the files usable and say what to do.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../adapters/sqlite/database.ts";
import { loadSqlite } from "../../adapters/sqlite/load-sqlite.ts";
import { openSqliteStore } from "../../adapters/sqlite/open-sqlite-store.ts";
import type { SqliteStore } from "../../adapters/sqlite/sqlite-store.ts";
import { StoreLockedError } from "../../src/ports/store.ts";
import { dumpStore, toJson } from "../contract/dump-store.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { studyHistory } from "./journal-folder.ts";

const fixture = join(import.meta.dirname, "..", "fixtures", "journal-store");
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

async function folder(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), "kubecoach-import-"));
	cleanup.push(() => rm(dir, { recursive: true, force: true }));
	return dir;
}

/** A copy of the killed bot's folder, with a lock file naming a process that has exited. */
async function killedBotFolder(): Promise<string> {
	const dir = await folder();
	for (const name of ["snapshot.json", "journal.jsonl"]) await cp(join(fixture, "killed", name), join(dir, name));
	await writeFile(join(dir, "lock"), `${await deadPid()}\n`);
	return dir;
}

async function deadPid(): Promise<number> {
	const child = spawn("true");
	await new Promise((resolve) => child.once("exit", resolve));
	return child.pid ?? 999_999;
}

async function open(dir: string, logger = new RecordingLogger()): Promise<SqliteStore> {
	const store = await openSqliteStore({ dir, logger });
	cleanup.push(() => store.close());
	return store;
}

/** What is in the database, read without the store (and without importing anything). */
function rawCounts(dir: string): { answers: number; imports: number } {
	const db = new (loadSqlite().DatabaseSync)(join(dir, DATABASE_FILE), { readOnly: true });
	try {
		const count = (sql: string) => Number(db.prepare(sql).get()?.n);
		return {
			answers: count("SELECT COUNT(*) AS n FROM answers"),
			imports: count("SELECT COUNT(*) AS n FROM meta WHERE key = 'journal-store-import'"),
		};
	} finally {
		db.close();
	}
}

const fixtureBytes = async () => ({
	snapshot: await readFile(join(fixture, "killed", "snapshot.json")),
	journal: await readFile(join(fixture, "killed", "journal.jsonl")),
});

describe("importing a journal-store folder", () => {
	it("imports the folder a killed bot left, record by record as the journal store read it, and keeps the files until the next start", async () => {
		const dir = await killedBotFolder();
		const logger = new RecordingLogger();
		const store = await openSqliteStore({ dir, logger });
		const expected = JSON.parse(await readFile(join(fixture, "expected.json"), "utf8"));
		// The journal store had no pending drops (ChannelSettings.pendingDrop came later): none are imported.
		expected.channels = expected.channels.map((channel: object) => ({ ...channel, pendingDrop: null }));
		expect(toJson(await dumpStore(store, { channels: [] }))).toEqual(expected);
		expect(logger.lines).toEqual([
			expect.stringMatching(
				/^warn: store: imported the journal store in .* \(2 channels, 13 quiz posts, 27 answers, 7 streaks, 27 cards\); its files are kept as snapshot\.json\.imported and journal\.jsonl\.imported until the next start/,
			),
		]);
		const original = await fixtureBytes();
		expect((await readFile(join(dir, "snapshot.json.imported"))).equals(original.snapshot)).toBe(true);
		expect((await readFile(join(dir, "journal.jsonl.imported"))).equals(original.journal)).toBe(true);
		expect((await readdir(dir)).sort()).toEqual([
			"journal.jsonl.imported",
			DATABASE_FILE,
			`${DATABASE_FILE}-shm`,
			`${DATABASE_FILE}-wal`,
			"snapshot.json.imported",
		]);

		// The bot carries on where the journal store stopped: the waiting quiz opens once, a second
		// click is still refused, a streak goes on.
		const lease = { at: new Date(), ms: 60_000 };
		expect(await store.claimQuizPost("slack:T1:C1", "e3-d3", lease)).toBe("first");
		expect(await store.claimQuizPost("slack:T1:C1", "e3-d3", lease)).toBe(false);
		const opened = await store.getQuizPost("slack:T1:C1", "e3-d3");
		if (opened) await store.saveQuizPost({ ...opened, messageRef: "slack:T1:C1:1.2" });
		const first = expected.quizAnswers["slack:T1:C1/e1-d1"][0];
		expect((await store.recordAnswer({ ...first, answeredAt: new Date(), choice: "a" })).status).toBe("already-answered");
		const before = await store.getStreak("slack:T1:C1", "slack:T1:U1");
		await store.close();

		const nextLogger = new RecordingLogger();
		const next = await open(dir, nextLogger);
		expect(nextLogger.lines).toEqual([expect.stringMatching(/^warn: store: removed the journal store's files imported on \d{4}-.* from /)]);
		expect((await readdir(dir)).filter((name) => !name.startsWith(DATABASE_FILE))).toEqual([]);
		expect(await next.getStreak("slack:T1:C1", "slack:T1:U1")).toEqual(before);
		expect(await next.listQuizPostsOpeningBy(new Date("2030-01-01T00:00:00Z"), 10)).toEqual([
			expect.objectContaining({ channelId: "discord:G9:C7", id: "e3-d3" }),
		]);
	});

	it("matches the journal store record by record on a generated history, past a torn last line and lines the snapshot holds", async () => {
		const { history, channels, snapshotSeq } = await studyHistory({ channels: 5, learners: 30, weeks: 6, seed: 7 });
		expect(snapshotSeq).toBeGreaterThan(100);
		const dir = await folder();
		// A crash mid-compaction: the new snapshot is written, the journal not yet emptied; a crash
		// mid-append: half a line at the end.
		await history.write(dir, {
			snapshotSeq,
			journalFrom: snapshotSeq - 40,
			tornTail: '{"seq":999999,"op":{"op":"recordAnswer","answer":{"chan',
		});
		const store = await open(dir);
		const imported = toJson(await dumpStore(store, { channels }));
		expect(imported).toEqual(toJson(await dumpStore(history.memory, { channels })));
		expect((imported as { answers: unknown[] }).answers.length).toBeGreaterThan(1000);
	});

	it("leaves the files as they were when killed mid-import, and the next start imports everything", { timeout: 60_000 }, async () => {
		const { history, channels, snapshotSeq } = await studyHistory({ channels: 8, learners: 100, weeks: 10, seed: 11 });
		const dir = await folder();
		await history.write(dir, { snapshotSeq });
		const files = { snapshot: await readFile(join(dir, "snapshot.json")), journal: await readFile(join(dir, "journal.jsonl")) };
		const module = new URL("../../adapters/sqlite/open-sqlite-store.ts", import.meta.url).href;
		// The child imports, printing the import's progress lines at once (writeSync) as they come.
		const script = `
			const { writeSync } = await import("node:fs");
			const { openSqliteStore } = await import(${JSON.stringify(module)});
			const say = (message) => writeSync(1, message + "\\n");
			await openSqliteStore({ dir: ${JSON.stringify(dir)}, logger: { info: say, warn: say, error: say } });
			say("done");`;
		const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
		let out = "";
		let errors = "";
		child.stdout.on("data", (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes("importing the journal store")) child.kill("SIGKILL");
		});
		child.stderr.on("data", (chunk: Buffer) => {
			errors += chunk.toString();
		});
		const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once("exit", (c, s) => resolve([c, s])));
		expect({ code, signal, out: out.split("\n")[0], errors }).toEqual({
			code: null,
			signal: "SIGKILL",
			out: expect.stringMatching(/^store: importing the journal store in .*: 10000 of \d+ records$/),
			errors: "",
		});
		expect(out).not.toContain("done");
		// Killed inside the transaction: nothing of it is in the database, the files are untouched.
		expect(rawCounts(dir)).toEqual({ answers: 0, imports: 0 });
		// (Buffer#equals: a deep toEqual over megabytes takes minutes.)
		expect((await readFile(join(dir, "snapshot.json"))).equals(files.snapshot)).toBe(true);
		expect((await readFile(join(dir, "journal.jsonl"))).equals(files.journal)).toBe(true);

		const store = await open(dir);
		expect(toJson(await dumpStore(store, { channels }))).toEqual(toJson(await dumpStore(history.memory, { channels })));
		expect(rawCounts(dir).imports).toBe(1);
	});

	it("finishes an import interrupted before the files were renamed, and refuses files that differ from the imported ones", async () => {
		const dir = await killedBotFolder();
		await (await openSqliteStore({ dir })).close();
		const imported = rawCounts(dir);
		// As if the process died right after COMMIT: one file renamed, the other not yet.
		await rename(join(dir, "journal.jsonl.imported"), join(dir, "journal.jsonl"));
		const store = await openSqliteStore({ dir });
		expect(rawCounts(dir)).toEqual(imported);
		expect((await readdir(dir)).filter((name) => !name.startsWith(DATABASE_FILE)).sort()).toEqual([
			"journal.jsonl.imported",
			"snapshot.json.imported",
		]);
		const dump = toJson(await dumpStore(store, { channels: [] }));
		await store.close();

		// Someone went back to the journal store, which wrote more, then started this version again.
		await rename(join(dir, "snapshot.json.imported"), join(dir, "snapshot.json"));
		await rename(join(dir, "journal.jsonl.imported"), join(dir, "journal.jsonl"));
		await writeFile(
			join(dir, "journal.jsonl"),
			`${await readFile(join(dir, "journal.jsonl"), "utf8")}{"seq":108,"op":{"op":"updateChannel","channelId":"slack:T1:C1","patch":{"paused":true}}}\n`,
		);
		const refused = await openSqliteStore({ dir }).catch((error: unknown) => error);
		expect(refused).toMatchObject({
			code: "store-import-conflict",
			message: expect.stringMatching(
				/holds both the database .*kubecoach\.db and a journal store \(snapshot\.json, journal\.jsonl\) that differs from the one imported on .*: to keep the database, move those two files out of the folder; to import them instead, move .*kubecoach\.db and its -wal and -shm files out/,
			),
		});
		expect(toJson(await dumpStore(await open(await moveAside(dir)), { channels: [] }))).toEqual(dump);
	});

	it("refuses a folder a journal store still runs in, naming its pid, and imports nothing", async () => {
		const dir = await killedBotFolder();
		const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
		cleanup.push(async () => sleeper.kill("SIGKILL"));
		await writeFile(join(dir, "lock"), `${sleeper.pid}\n`);
		const refused = await openSqliteStore({ dir }).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(StoreLockedError);
		expect(refused).toMatchObject({ code: "store-locked", message: expect.stringContaining(`in use by process ${sleeper.pid}`) });
		expect(rawCounts(dir)).toEqual({ answers: 0, imports: 0 });
		expect((await readFile(join(dir, "snapshot.json"))).equals((await fixtureBytes()).snapshot)).toBe(true);
	});

	it("refuses a damaged journal line before the last with the file and line named, importing nothing", async () => {
		const dir = await killedBotFolder();
		const lines = (await readFile(join(dir, "journal.jsonl"), "utf8")).split("\n");
		lines[4] = lines[4]?.slice(0, 30) ?? "";
		await writeFile(join(dir, "journal.jsonl"), lines.join("\n"));
		const refused = await openSqliteStore({ dir }).catch((error: unknown) => error);
		expect(refused).toMatchObject({
			code: "store-import-unreadable",
			message: expect.stringMatching(/journal\.jsonl line 5 is not valid JSON\. Nothing was imported and its files are unchanged/),
		});
		expect(String((refused as Error).message)).not.toContain('"seq"');
		expect(rawCounts(dir)).toEqual({ answers: 0, imports: 0 });
	});

	it("refuses to import a journal store into a database that already holds other data", async () => {
		const dir = await folder();
		const store = await openSqliteStore({ dir });
		await store.saveChannel({
			...JSON.parse(await readFile(join(fixture, "expected.json"), "utf8")).channels[0],
			channelId: "slack:T9:C9",
			lastDropAt: null,
			scheduleFrom: new Date(),
		});
		await store.close();
		for (const name of ["snapshot.json", "journal.jsonl"]) await cp(join(fixture, "killed", name), join(dir, name));
		expect(await openSqliteStore({ dir }).catch((error: unknown) => error)).toMatchObject({
			code: "store-import-conflict",
			message: expect.stringContaining("that was never imported into it"),
		});
		expect(rawCounts(dir)).toEqual({ answers: 0, imports: 0 });
	});
});

/** Moves the journal files out of `dir` (the README's "keep the database"); returns `dir`. */
async function moveAside(dir: string): Promise<string> {
	const aside = await folder();
	for (const name of ["snapshot.json", "journal.jsonl"]) await rename(join(dir, name), join(aside, name));
	return dir;
}
