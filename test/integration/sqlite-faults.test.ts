/**
 * The embedded store when the disk or the file is at fault, as a user meets it: `kubecoach start`
 * on a folder it cannot write, a damaged or newer database, or a file where the folder should be,
 * says so in one line with the remedy and exits 2 (no stack trace); a disk that stops taking
 * writes mid-run turns each call into "please press again" and loses nothing acknowledged; damaged
 * pages make reads fail the same way, with the file named in the log.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, open as openFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../adapters/sqlite/database.ts";
import { loadSqlite, withoutSqliteWarning } from "../../adapters/sqlite/load-sqlite.ts";
import { openSqliteStore } from "../../adapters/sqlite/open-sqlite-store.ts";
import { StoreUnavailableError } from "../../src/ports/store.ts";
import { answer, channel } from "../contract/store-fixtures.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { repoRoot } from "../helpers/course.ts";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

async function folder(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), "kubecoach-faults-"));
	// Reachable by the unprivileged user some tests run as.
	await chmod(dir, 0o755);
	cleanup.push(() => rm(dir, { recursive: true, force: true }));
	return dir;
}

// Permissions do not stop root: as root, run the bot as "nobody", whom they stop.
const asUnprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * "nobody" must reach the bot's files: a checkout in a private folder (mktemp -d makes them 0700)
 * gets everyone's search permission on that folder and its parents for the test, then its own back.
 */
async function letUnprivilegedReachRepo(): Promise<void> {
	if (process.getuid?.() !== 0) return;
	for (let dir = repoRoot; ; dir = dirname(dir)) {
		const { mode } = await stat(dir);
		if ((mode & 0o001) === 0) {
			await chmod(dir, mode | 0o001);
			cleanup.push(() => chmod(dir, mode & 0o7777));
		}
		if (dirname(dir) === dir) return;
	}
}

/** `kubecoach start` on piped input, as a user runs it. */
function start(dataDir: string, options: { readonly unprivileged?: boolean } = {}) {
	const result = spawnSync(process.execPath, [join(repoRoot, "bin", "start.ts")], {
		input: "/course status\n",
		encoding: "utf8",
		cwd: repoRoot,
		env: { ...process.env, NO_COLOR: "1", KUBECOACH_DATA_DIR: dataDir },
		...(options.unprivileged ? asUnprivileged : {}),
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLine(stderr: string, pattern: RegExp): void {
	expect(stderr.split("\n").filter((line) => line !== "")).toEqual([expect.stringMatching(pattern)]);
	expect(stderr).not.toMatch(/\n\s+at /);
}

describe("opening the embedded store", () => {
	it("refuses a data folder it cannot create, and one it cannot write, in one line with the fix", async () => {
		await letUnprivilegedReachRepo();
		const parent = await folder();
		await chmod(parent, 0o555);
		const missing = start(join(parent, "data"), { unprivileged: true });
		expect(missing.code).toBe(2);
		expectOneLine(
			missing.stderr,
			/^kubecoach: kubecoach cannot write its data folder .*\/data \(EACCES\): make the folder and the files in it writable by the user running kubecoach, or set KUBECOACH_DATA_DIR to another folder\.$/,
		);

		const existing = await folder();
		await (await openSqliteStore({ dir: existing })).close(); // a store with its database
		await chmod(existing, 0o555);
		const readOnly = start(existing, { unprivileged: true });
		expect(readOnly.code).toBe(2);
		expectOneLine(
			readOnly.stderr,
			/^kubecoach: kubecoach cannot write its data folder .* \(attempt to write a readonly database\): make the folder/,
		);
	});

	it("refuses a damaged database, naming the file and how to recover", async () => {
		const dir = await folder();
		await writeFile(join(dir, DATABASE_FILE), "not a database, whatever it was ".repeat(200));
		const { code, stderr } = start(dir);
		expect(code).toBe(2);
		expectOneLine(
			stderr,
			/^kubecoach: The database .*\/kubecoach\.db is damaged \(file is not a database\): stop kubecoach, move .*\/kubecoach\.db and its -wal and -shm files aside or restore them from a backup, then start again \(README: "A damaged database"\)\.$/,
		);
	});

	// The command line prints these as it prints the damaged one above (bin/run-main.ts): checked
	// here on the error itself, without starting a bot for each.
	it("refuses a database written by a newer kubecoach, one with other tables, and a file where the folder should be", async () => {
		const refusal = (dir: string) =>
			openSqliteStore({ dir }).then(
				async (store) => {
					await store.close();
					throw new Error(`${dir} opened`);
				},
				(error: unknown) => error,
			);
		const dir = await folder();
		const written = await openSqliteStore({ dir });
		written.connection.db.exec("PRAGMA user_version = 99");
		await written.close();
		expect(await refusal(dir)).toMatchObject({
			name: "StoreOpenError",
			code: "store-newer-schema",
			message: expect.stringMatching(
				/^The database .*kubecoach\.db was written by a newer kubecoach \(schema 99; this one knows up to 4\): run that version, or a newer one\.$/,
			),
		});

		const foreign = await folder();
		const db = new (loadSqlite().DatabaseSync)(join(foreign, DATABASE_FILE));
		db.exec("CREATE TABLE notes (text TEXT); PRAGMA user_version = 1");
		db.close();
		expect(await refusal(foreign)).toMatchObject({
			code: "store-foreign-schema",
			message: expect.stringMatching(
				/^The database .*kubecoach\.db does not hold the tables kubecoach expects \(no such table: cards\): move it aside and start again, or restore a backup/,
			),
		});

		const file = join(await folder(), "data");
		await writeFile(file, "");
		expect(await refusal(file)).toMatchObject({
			code: "store-not-a-folder",
			message: expect.stringMatching(/^The data folder .*\/data is a file, not a folder: move it away, or set KUBECOACH_DATA_DIR/),
		});
	});
});

describe("the embedded store at run time", () => {
	it("answers 'please press again' once the disk refuses writes, and keeps every acknowledged answer", async () => {
		const dir = await folder();
		await mkdir(join(dir, "data"));
		const module = new URL("../../adapters/sqlite/open-sqlite-store.ts", import.meta.url).href;
		// The child records answers one by one until five in a row fail, printing each outcome.
		const script = `
			const { openSqliteStore } = await import(${JSON.stringify(module)});
			const store = await openSqliteStore({ dir: ${JSON.stringify(join(dir, "data"))}, logger: { info() {}, warn: (m) => console.log("logged " + m), error() {} } });
			for (let i = 0, failed = 0; failed < 5; i++) {
				const at = new Date(Date.UTC(2026, 0, 5) + i * 60000);
				try {
					await store.recordAnswer({ channelId: "slack:T1:C1", quizId: "q" + i, userId: "slack:T1:U1", questionId: "x", episode: 1,
						choice: "a", correct: true, answeredAt: at, day: at.toISOString().slice(0, 10) });
					console.log("recorded q" + i);
				} catch (error) {
					failed++;
					console.log("failed q" + i + " " + error.name + ": " + error.message);
				}
			}
			await store.close();`;
		// A file size limit (ulimit -f, in 512-byte blocks) makes the disk refuse the log's growth
		// as a full one would; Node ignores SIGXFSZ, so the write fails instead of killing it.
		const child = spawn("sh", ["-c", `ulimit -f 600 && exec "$0" --input-type=module -e "$1"`, process.execPath, script], {
			stdio: ["ignore", "pipe", "pipe"],
		});
		let out = "";
		let errors = "";
		child.stdout.on("data", (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.stderr.on("data", (chunk: Buffer) => {
			errors += chunk.toString();
		});
		const code = await new Promise((resolve) => child.once("exit", resolve));
		expect({ code, errors }).toEqual({ code: 0, errors: "" });
		const lines = out.trim().split("\n");
		const recorded = lines.filter((line) => line.startsWith("recorded ")).map((line) => line.slice("recorded ".length));
		const failed = lines.filter((line) => line.startsWith("failed "));
		expect(recorded.length).toBeGreaterThan(5);
		expect(failed).toHaveLength(5);
		for (const line of failed)
			expect(line).toMatch(/^failed q\d+ StoreUnavailableError: I could not record your answer, please press again\.$/);
		// The trouble is logged once, with the file.
		expect(lines.filter((line) => line.startsWith("logged "))).toEqual([
			expect.stringMatching(/^logged store: .*\/data\/kubecoach\.db: disk I\/O error$/),
		]);

		const store = await openSqliteStore({ dir: join(dir, "data") });
		cleanup.push(() => store.close());
		const stored = await store.listAnswers({ channelId: "slack:T1:C1", range: { from: new Date(0), to: new Date(Date.UTC(2030, 0)) } });
		expect(stored.map((a) => a.quizId)).toEqual(recorded);
		expect((await store.recordAnswer(answer("after", "slack:T1:U1", "2026-02-01T10:00:00Z"))).status).toBe("recorded");
	});

	it("fails reads of damaged pages with 'try again' and logs which file is damaged", async () => {
		const dir = await folder();
		const store = await openSqliteStore({ dir });
		await store.saveChannel(channel());
		for (let i = 0; i < 2000; i++) await store.recordAnswer(answer(`q${i}`, `slack:T1:U${i % 7}`, `2026-01-0${1 + (i % 9)}T10:00:00Z`));
		await store.close();
		// Overwrite the pages written last, the answers' leaves; the schema and every table's root
		// page, written first, stay intact, so the store opens.
		const pageSize = 4096;
		const file = await openFile(join(dir, DATABASE_FILE), "r+");
		const pages = (await file.stat()).size / pageSize;
		expect(pages).toBeGreaterThan(60);
		for (let page = 40; page < pages; page++) await file.write(Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
		await file.close();

		const logger = new RecordingLogger();
		const damaged = await openSqliteStore({ dir, logger });
		cleanup.push(() => damaged.close());
		expect(await damaged.getChannel("slack:T1:C1")).toEqual(channel());
		const failure = await damaged
			.listAnswers({ channelId: "slack:T1:C1", range: { from: new Date(0), to: new Date(Date.UTC(2030, 0)) } })
			.catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(StoreUnavailableError);
		expect(failure).toMatchObject({ message: "I could not reach my storage just now, please try again in a moment." });
		expect(logger.lines).toEqual([expect.stringMatching(/^warn: store: .*\/kubecoach\.db: database disk image is malformed$/)]);
	});
});

describe("node:sqlite", () => {
	it("is loaded without the experimental warning older Node 24 releases print", () => {
		const { code, stderr } = start(join(tmpdir(), `kubecoach-quiet-${process.pid}`));
		cleanup.push(() => rm(join(tmpdir(), `kubecoach-quiet-${process.pid}`), { recursive: true, force: true }));
		expect(code).toBe(0);
		expect(stderr).toBe("");
		expect(typeof loadSqlite().DatabaseSync).toBe("function");
	});

	it("drops only that warning while it loads", async () => {
		const seen: string[] = [];
		const listener = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
		process.on("warning", listener);
		try {
			// What lib/internal/util.js emitExperimentalWarning("SQLite") emits on Node 24 before 24.15.
			withoutSqliteWarning(() => {
				process.emitWarning("SQLite is an experimental feature and might change at any time", "ExperimentalWarning");
				process.emitWarning("something else", "ExperimentalWarning");
			});
			process.emitWarning("SQLite is an experimental feature and might change at any time", "ExperimentalWarning");
			await new Promise((resolve) => setImmediate(resolve));
		} finally {
			process.off("warning", listener);
		}
		expect(seen).toEqual([
			"ExperimentalWarning: something else",
			"ExperimentalWarning: SQLite is an experimental feature and might change at any time",
		]);
	});
});
