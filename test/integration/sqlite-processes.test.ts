/**
 * The embedded store across processes. A writer killed with SIGKILL mid-run loses no answer it
 * acknowledged. Two processes on one data folder race for the same claims (scheduled posts,
 * drops, scheduled fires, first answers) round after round: SQLite's write lock gives each one to
 * exactly one of them, and neither overwrites the other's changes to the same channel or a streak.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openSqliteStore } from "../../adapters/sqlite/open-sqlite-store.ts";
import { channel, quiz } from "../contract/store-fixtures.ts";

const storeModule = new URL("../../adapters/sqlite/open-sqlite-store.ts", import.meta.url).href;
const coordinatorModule = new URL("../../adapters/sqlite/sqlite-run-coordinator.ts", import.meta.url).href;
const ALL_TIME = { from: new Date(0), to: new Date(Date.UTC(2030, 0)) };
/** A claim's lease, a year: no claim of the race ends before the end checks. */
const LEASE_MS = 365 * 86_400_000;

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

async function folder(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), "kubecoach-processes-"));
	cleanup.push(() => rm(dir, { recursive: true, force: true }));
	return dir;
}

/** Runs `script` in a Node process (the one running the tests: Node 24, which runs .ts directly). */
function node(script: string): { child: ChildProcess; output: () => string; errors: () => string; exited: Promise<number | null> } {
	const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "pipe"] });
	cleanup.push(async () => child.kill("SIGKILL"));
	let out = "";
	let err = "";
	child.stdout?.on("data", (chunk: Buffer) => {
		out += chunk.toString();
	});
	child.stderr?.on("data", (chunk: Buffer) => {
		err += chunk.toString();
	});
	const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
	return { child, output: () => out, errors: () => err, exited };
}

it("keeps every acknowledged answer of a writer killed mid-run", async () => {
	const dir = await folder();
	// The child records answers as fast as it can and prints the id of each acknowledged one.
	const writer = node(`
		const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
		const store = await openSqliteStore({ dir: ${JSON.stringify(dir)} });
		for (let i = 0; ; i++) {
			const day = new Date(Date.UTC(2026, 0, 1) + i * 60000);
			await Promise.all([0, 1, 2, 3].map((u) => store.recordAnswer({
				channelId: "slack:T1:C1", quizId: "q" + i, userId: "slack:T1:U" + u, questionId: "x", episode: 1,
				choice: "a", correct: true, answeredAt: day, day: day.toISOString().slice(0, 10),
			}).then(() => process.stdout.write("q" + i + "/" + u + "\\n"))));
		}`);
	let running = true;
	void writer.exited.then(() => {
		running = false;
	});
	while (running && writer.output().split("\n").length < 2000) await new Promise((r) => setTimeout(r, 10));
	// It must still be writing when killed; an early exit is a broken child, not a crash test.
	expect(running, `the child exited early: ${writer.errors()}`).toBe(true);
	writer.child.kill("SIGKILL");
	await writer.exited;
	const acknowledged = writer
		.output()
		.split("\n")
		.filter((line) => /^q\d+\/\d$/.test(line));
	const store = await openSqliteStore({ dir });
	cleanup.push(() => store.close());
	const stored = new Set(
		(await store.listAnswers({ channelId: "slack:T1:C1", range: ALL_TIME })).map(
			(a) => `${a.quizId}/${a.userId.slice("slack:T1:U".length)}`,
		),
	);
	expect(acknowledged.length).toBeGreaterThan(1500);
	expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
	expect(store.connection.db.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
});

it("gives each claim to exactly one of two processes racing on one folder, and loses no update of either, streaks included", {
	timeout: 60_000,
}, async () => {
	const dir = await folder();
	const steps = await folder();
	for (const name of ["a", "b"]) await writeFile(join(steps, name), "-1");
	const ROUNDS = 150;
	const users = ["slack:T1:U1", "slack:T1:U2", "slack:T1:U3"];
	const setup = await openSqliteStore({ dir });
	await setup.saveChannel(channel());
	for (let i = 0; i < ROUNDS; i++) await setup.scheduleQuizPost(quiz(`q${i}`));
	await setup.close();

	// The two processes go through the rounds in step (neither starts round i + 1 before the other
	// finished round i: a progress file each, outside the data folder) and race in every round for
	// its post, its fire and the users' first answers, one day per round; each also changes its own
	// field of the channel every round (a: admins, b: schedule). Meanwhile both drop the episodes in
	// order, racing for each. Each prints what it won.
	const racer = (name: "a" | "b") =>
		node(`
		const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
		const { SqliteRunCoordinator } = await import(${JSON.stringify(coordinatorModule)});
		const store = await openSqliteStore({ dir: ${JSON.stringify(dir)} });
		const coordinator = new SqliteRunCoordinator(store.connection);
		const won = { claims: [], drops: [], fires: [], answers: [] };
		process.stdout.write("ready\\n");
		await new Promise((resolve) => process.stdin.once("data", resolve));
		const day = (i) => new Date(Date.UTC(2026, 0, 5) + i * 86400000);
		const drops = (async () => {
			for (let episode = 1; episode <= ${ROUNDS}; episode++)
				if (await store.recordDrop("slack:T1:C1", episode, day(episode - 1))) won.drops.push(episode);
		})();
		const { readFileSync, writeFileSync } = await import("node:fs");
		for (let i = 0; i < ${ROUNDS}; i++) {
			while (Number(readFileSync(${JSON.stringify(join(steps, name === "a" ? "b" : "a"))}, "utf8")) < i - 1) await new Promise((resolve) => setTimeout(resolve, 1));
			const at = day(i);
			await Promise.all([
				store.claimQuizPost("slack:T1:C1", "q" + i, { at, ms: ${LEASE_MS} }).then((yes) => yes && won.claims.push(i)),
				coordinator.shouldRun("fire:" + i, 60000).then((yes) => yes && won.fires.push(i)),
				store.updateChannel("slack:T1:C1", ${name === "a" ? '{ admins: ["a" + i] }' : '{ schedule: i + " 9 * * 1" }'}),
				...${JSON.stringify(users)}.map(async (userId) => {
					const result = await store.recordAnswer({ channelId: "slack:T1:C1", quizId: "q" + i, userId, questionId: "x", episode: 1,
						choice: ${JSON.stringify(name)}, correct: true, answeredAt: at, day: at.toISOString().slice(0, 10) });
					if (result.status === "recorded") won.answers.push("q" + i + " " + userId);
					else if (result.answer.choice === ${JSON.stringify(name)}) throw new Error("refused with its own answer");
				}),
			]);
			writeFileSync(${JSON.stringify(join(steps, name))}, String(i));
		}
		await drops;
		await store.close();
		process.stdout.write(JSON.stringify(won) + "\\n");`);
	const racers = [racer("a"), racer("b")];
	while (!racers.every((r) => r.output().startsWith("ready\n") || r.errors() !== "")) await new Promise((r) => setTimeout(r, 10));
	for (const r of racers) r.child.stdin?.end("go\n");
	const codes = await Promise.all(racers.map((r) => r.exited));
	expect({ codes, errors: racers.map((r) => r.errors()) }).toEqual({ codes: [0, 0], errors: ["", ""] });
	type Won = { claims: number[]; drops: number[]; fires: number[]; answers: string[] };
	const [a, b] = racers.map((r) => JSON.parse(r.output().split("\n")[1] ?? "") as Won) as [Won, Won];

	const sorted = <T>(list: T[]) => [...list].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
	const rounds = Array.from({ length: ROUNDS }, (_, i) => i);
	expect(sorted([...a.claims, ...b.claims])).toEqual(sorted(rounds));
	expect(sorted([...a.fires, ...b.fires])).toEqual(sorted(rounds));
	expect(sorted([...a.drops, ...b.drops])).toEqual(sorted(rounds.map((i) => i + 1)));
	const everyAnswer = rounds.flatMap((i) => users.map((u) => `q${i} ${u}`));
	expect(sorted([...a.answers, ...b.answers])).toEqual(sorted(everyAnswer));
	// Each was first somewhere: a race, not one process after the other.
	expect({ a: a.claims.length > 0, b: b.claims.length > 0 }, `claims won: a ${a.claims.length}, b ${b.claims.length}`).toEqual({
		a: true,
		b: true,
	});

	const store = await openSqliteStore({ dir });
	cleanup.push(() => store.close());
	// Each process's last change of its own field, and every drop, survived the other's writes.
	expect(await store.getChannel("slack:T1:C1")).toMatchObject({
		admins: [`a${ROUNDS - 1}`],
		schedule: `${ROUNDS - 1} 9 * * 1`,
		nextEpisode: ROUNDS + 1,
		lastDropAt: new Date(Date.UTC(2026, 0, 5) + (ROUNDS - 1) * 86_400_000),
	});
	// Every post is claimed, and its lease (longer than the test's dates) runs.
	expect(await store.listQuizPostsOpeningBy(new Date(Date.UTC(2026, 6)), 10)).toEqual([]);
	const recordedBy = new Map([...a.answers.map((id) => [id, "a"] as const), ...b.answers.map((id) => [id, "b"] as const)]);
	const stored = await store.listAnswers({ channelId: "slack:T1:C1", range: ALL_TIME });
	expect(sorted(stored.map((s) => `${s.quizId} ${s.userId} ${s.choice}`))).toEqual(
		sorted(everyAnswer.map((id) => `${id} ${recordedBy.get(id)}`)),
	);
});
