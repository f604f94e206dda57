import { spawn } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FileStore, openFileStore } from "../../adapters/file/file-store.ts";
import { StoreLockedError } from "../../src/ports/store.ts";
import { answer, channel, quiz, storeContract } from "./store.contract.ts";

const dirs = new Map<object, string>();
const fresh = () => mkdtemp(join(tmpdir(), "kubecoach-file-store-"));

storeContract({
	name: "file store",
	makeStore: async () => {
		const dir = await fresh();
		const store = await openFileStore({ dir, compactEvery: 7 });
		dirs.set(store, dir);
		return store;
	},
	teardown: async (store) => {
		await store.close();
		await rm(dirs.get(store) ?? "", { recursive: true, force: true });
	},
});

describe("file store on disk", () => {
	const cleanup: (() => Promise<unknown>)[] = [];
	afterEach(async () => {
		for (const step of cleanup.splice(0).reverse()) await step();
	});
	const folder = async () => {
		const dir = await fresh();
		cleanup.push(() => rm(dir, { recursive: true, force: true }));
		return dir;
	};
	const open = async (dir: string): Promise<FileStore> => {
		const store = await openFileStore({ dir, compactEvery: 5 });
		cleanup.push(() => store.close());
		return store;
	};

	it("keeps everything across close and reopen, through compactions", async () => {
		const dir = await folder();
		const first = await openFileStore({ dir, compactEvery: 5 });
		await first.saveChannel(channel());
		for (let i = 0; i < 12; i++)
			await first.recordAnswer(answer(`q${i}`, "slack:T1:U1", `2026-01-${String(5 + i).padStart(2, "0")}T10:00:00Z`));
		await first.close();
		const second = await open(dir);
		expect(await second.getChannel("slack:T1:C1")).toEqual(channel());
		expect(await second.getStreak("slack:T1:C1", "slack:T1:U1")).toMatchObject({ current: 12, longest: 12 });
		expect((await second.recordAnswer(answer("q0", "slack:T1:U1", "2026-02-01T10:00:00Z"))).status).toBe("already-answered");
	});

	it("keeps which scheduled posts were claimed across close and reopen", async () => {
		const dir = await folder();
		const first = await openFileStore({ dir, compactEvery: 1000 });
		await first.scheduleQuizPost(quiz("claimed"));
		await first.scheduleQuizPost(quiz("waiting"));
		expect(await first.claimQuizPost("slack:T1:C1", "claimed")).toBe(true);
		await first.close(); // folds the journal into the snapshot
		const second = await openFileStore({ dir, compactEvery: 1000 });
		expect((await second.listQuizPostsOpeningBy(new Date("2026-02-01T00:00:00Z"), 10)).map((p) => p.id)).toEqual(["waiting"]);
		expect(await second.claimQuizPost("slack:T1:C1", "claimed")).toBe(false);
		expect(await second.claimQuizPost("slack:T1:C1", "waiting")).toBe(true);
		await second.close();
		const third = await open(dir);
		expect(await third.listQuizPostsOpeningBy(new Date("2026-02-01T00:00:00Z"), 10)).toEqual([]);
		expect(await third.claimQuizPost("slack:T1:C1", "waiting")).toBe(false);
	});

	it("refuses a second open of a folder in use, and allows it after close", async () => {
		const dir = await folder();
		const first = await openFileStore({ dir });
		const refused = await openFileStore({ dir }).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(StoreLockedError);
		expect(refused).toMatchObject({ code: "store-locked", message: expect.stringContaining(String(process.pid)) });
		await first.close();
		await open(dir);
	});

	it("refuses a folder locked by another live process and takes over a dead one's lock", async () => {
		const dir = await folder();
		const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
		cleanup.push(async () => sleeper.kill());
		await writeFile(join(dir, "lock"), `${sleeper.pid}\n`);
		expect(await openFileStore({ dir }).catch((e: unknown) => e)).toMatchObject({ code: "store-locked" });
		const exited = new Promise((resolve) => sleeper.once("exit", resolve));
		sleeper.kill("SIGKILL");
		await exited;
		const store = await open(dir);
		expect(await readFile(join(dir, "lock"), "utf8")).toBe(`${process.pid}\n`);
		expect(await store.listChannels()).toEqual([]);
	});

	it("drops a torn last journal line and keeps every line before it", async () => {
		const dir = await folder();
		const first = await openFileStore({ dir, compactEvery: 1000 });
		await first.recordAnswer(answer("a", "slack:T1:U1", "2026-01-06T10:00:00Z"));
		await first.close();
		// A crash mid-append leaves half a line; the journal lines before it are complete.
		await appendFile(join(dir, "journal.jsonl"), '{"seq":2,"op":{"op":"recordAnswer","answer":{"chan');
		const second = await open(dir);
		expect(await second.listQuizAnswers("slack:T1:C1", "a")).toHaveLength(1);
		await second.recordAnswer(answer("b", "slack:T1:U1", "2026-01-07T10:00:00Z"));
		expect(await second.getStreak("slack:T1:C1", "slack:T1:U1")).toMatchObject({ current: 2 });
	});

	it("survives a process killed mid-write: every acknowledged answer is there, the stale lock is taken over", async () => {
		const dir = await folder();
		const storeModule = new URL("../../adapters/file/file-store.ts", import.meta.url).href;
		// The child records answers as fast as it can and prints the id of each acknowledged one.
		const script = `
			const { openFileStore } = await import(${JSON.stringify(storeModule)});
			const store = await openFileStore({ dir: ${JSON.stringify(dir)}, compactEvery: 50 });
			for (let i = 0; ; i++) {
				const day = new Date(Date.UTC(2026, 0, 1) + i * 60000);
				await Promise.all([0, 1, 2, 3].map((u) => store.recordAnswer({
					channelId: "slack:T1:C1", quizId: "q" + i, userId: "slack:T1:U" + u, questionId: "x", episode: 1,
					choice: "a", correct: true, answeredAt: day, day: day.toISOString().slice(0, 10),
				}).then(() => process.stdout.write("q" + i + "/" + u + "\\n"))));
			}`;
		// process.execPath: the Node running the tests (24 under npx, which runs .ts directly).
		const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
		let out = "";
		let errors = "";
		child.stdout.on("data", (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.stderr.on("data", (chunk: Buffer) => {
			errors += chunk.toString();
		});
		let running = true;
		const exited = new Promise((resolve) => child.once("exit", resolve)).then(() => {
			running = false;
		});
		while (running && out.split("\n").length < 400) await new Promise((r) => setTimeout(r, 20));
		// It must still be writing when killed; an early exit is a broken child, not a crash test.
		expect(running, `the child exited early (${process.version}): ${errors}`).toBe(true);
		child.kill("SIGKILL");
		await exited;
		const acknowledged = out.split("\n").filter((line) => /^q\d+\/\d$/.test(line));
		const store = await open(dir);
		const stored = new Set(
			(await store.listAnswers({ channelId: "slack:T1:C1", range: { from: new Date(0), to: new Date(Date.UTC(2030, 0)) } })).map(
				(a) => `${a.quizId}/${a.userId.slice("slack:T1:U".length)}`,
			),
		);
		expect(acknowledged.length).toBeGreaterThan(300);
		expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
	});
});
