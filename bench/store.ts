/**
 * Store figures, printed for `npm run bench`, Redis and the embedded SQLite store in the same run:
 * - answers recorded per second through the Store port (many calls in flight: ioredis
 *   auto-pipelines them; SQLite shares one fsynced commit among them), against raw SET/s on the
 *   same Redis client (the redis-benchmark-style baseline);
 * - opening the SQLite store with 100,000 and 1,000,000 answers, against opening an empty one;
 * - the resident memory of a process with the store open after the bot's usual reads, 1,000,000
 *   answers against an empty store;
 * - the 4-week participation report over a workspace of 5,000 learners and 500,000 answers (in
 *   that 1,000,000-answer store), as one SQL aggregate, against reading the same answers through
 *   the port and aggregating them in JavaScript (test/helpers/participation-by-scan.ts).
 * Uses its own database number and key prefix on Redis and temporary folders, all removed after.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { connectRedis } from "../adapters/redis/connect.ts";
import { RedisStore } from "../adapters/redis/redis-store.ts";
import { openSqliteStore } from "../adapters/sqlite/open-sqlite-store.ts";
import type { Answer, Store } from "../src/ports/store.ts";
import { clean } from "../test/contract/redis-test-db.ts";
import { participationByScan } from "../test/helpers/participation-by-scan.ts";
import { heading, ms } from "./measure.ts";
import { START, WORKSPACE_CHANNELS, writeAnswers } from "./store-data.ts";

const DB = 13;
const SECONDS = 4;
const IN_FLIGHT = 256;
const DAY_MS = 86_400_000;

function makeAnswer(i: number): Answer {
	const answeredAt = new Date(Date.UTC(2026, 0, 5) + i * 1000);
	return {
		channelId: "slack:T1:C1",
		quizId: `q${Math.floor(i / 50)}`,
		userId: `slack:T1:U${i % 50}`,
		questionId: "resources-1",
		episode: 2,
		choice: "b",
		correct: i % 3 !== 0,
		answeredAt,
		day: answeredAt.toISOString().slice(0, 10),
	};
}

/** Operations completed per second, with `IN_FLIGHT` workers calling `op` for `seconds`. */
async function perSecond(seconds: number, op: (i: number) => Promise<unknown>): Promise<number> {
	let next = 0;
	const started = performance.now();
	const deadline = started + seconds * 1000;
	const worker = async () => {
		while (performance.now() < deadline) await op(next++);
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
	return next / ((performance.now() - started) / 1000);
}

async function recordAll(store: Store, seconds: number, offset = 0): Promise<number> {
	return perSecond(seconds, async (i) => {
		const result = await store.recordAnswer(makeAnswer(offset + i));
		if (result.status !== "recorded") throw new Error("bench answers must all be new");
	});
}

const format = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function redisFigures(): Promise<{ answers: number; sets: number }> {
	const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
	const prefix = `kubecoach-bench:${randomUUID()}:`;
	const client = await connectRedis({ url, options: { db: DB } });
	const store = new RedisStore(client, { keyPrefix: prefix });
	try {
		await recordAll(store, 0.5, 10_000_000); // warm-up: scripts loaded, connection hot
		const answers = await recordAll(store, SECONDS);
		const value = "x".repeat(200); // about the size of an answer
		const sets = await perSecond(SECONDS, (i) => client.set(`${prefix}set:${i}`, value));
		return { answers, sets };
	} finally {
		await clean(client, prefix);
		await store.close();
	}
}

async function sqliteAnswers(root: string): Promise<number> {
	const store = await openSqliteStore({ dir: join(root, "throughput") });
	try {
		await recordAll(store, 0.5, 10_000_000); // warm-up, as for Redis
		return await recordAll(store, SECONDS);
	} finally {
		await store.close();
	}
}

/** Median time to open (and close) the store in `dir`, after one warm-up open. */
async function openTime(dir: string): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < 8; i++) {
		const started = performance.now();
		const store = await openSqliteStore({ dir });
		const opened = performance.now() - started;
		await store.close();
		if (i > 0) times.push(opened);
	}
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** RSS of a fresh Node process that opened the store in `dir` and did the bot's usual reads. */
function residentWithStoreOpen(dir: string): number {
	const module = new URL("../adapters/sqlite/open-sqlite-store.ts", import.meta.url).href;
	const script = `
		const { openSqliteStore } = await import(${JSON.stringify(module)});
		const store = await openSqliteStore({ dir: ${JSON.stringify(dir)} });
		const week = { from: new Date(${START + 63 * DAY_MS}), to: new Date(${START + 70 * DAY_MS}) };
		await store.listChannels();
		await store.listAnswers({ channelId: "slack:T1:C3", range: week });
		await store.listAnswers({ channelId: "slack:T1:C3", range: week, userId: "slack:T1:U1600" });
		await store.getStreak("slack:T1:C3", "slack:T1:U1600");
		await store.listQuizAnswers("slack:T1:C3", "quiz-99");
		await store.listDueCards("slack:T1:U1600", new Date(), 10);
		await store.listQuizPostsClosingBy(new Date(), 100);
		process.stdout.write(String(process.memoryUsage().rss));
		await store.close();`;
	const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
	if (child.status !== 0) throw new Error(`the RSS probe failed: ${child.stderr}`);
	return Number(child.stdout);
}

async function participationFigures(dir: string): Promise<{ sql: number; scan: number; answers: number }> {
	const store = await openSqliteStore({ dir });
	try {
		const range = { from: new Date(START + 42 * DAY_MS), to: new Date(START + 70 * DAY_MS) }; // weeks 7 to 10
		const channels = Array.from({ length: WORKSPACE_CHANNELS }, (_, c) => `slack:T1:C${c}`);
		const runSql = () => store.participation({ workspaceId: "slack:T1" }, range);
		const fromSql = await runSql(); // warm-up, and the result checked below
		const fromScan = await participationByScan(store, channels, range);
		if (!isDeepStrictEqual(fromSql, fromScan)) throw new Error("the SQL participation figures differ from the scan's");
		const median = async (fn: () => Promise<unknown>) => {
			const times: number[] = [];
			for (let i = 0; i < 5; i++) {
				const started = performance.now();
				await fn();
				times.push(performance.now() - started);
			}
			return times.sort((a, b) => a - b)[2] ?? Number.NaN;
		};
		return {
			sql: await median(runSql),
			scan: await median(() => participationByScan(store, channels, range)),
			answers: fromSql.weeks.reduce((sum, w) => sum + w.answers, 0),
		};
	} finally {
		await store.close();
	}
}

export default async function storeBench(): Promise<void> {
	const redis = await redisFigures();
	const root = await mkdtemp(join(tmpdir(), "kubecoach-bench-store-"));
	try {
		const sqlite = await sqliteAnswers(root);
		const empty = join(root, "empty");
		await (await openSqliteStore({ dir: empty })).close();
		await writeAnswers(join(root, "100k"), 100_000);
		await writeAnswers(join(root, "1m"), 1_000_000);
		const opens = { empty: await openTime(empty), small: await openTime(join(root, "100k")), big: await openTime(join(root, "1m")) };
		const rss = { empty: residentWithStoreOpen(empty), big: residentWithStoreOpen(join(root, "1m")) };
		const report = await participationFigures(join(root, "1m"));

		heading("Store");
		console.log(`store: Redis answers recorded/s through the Store port (${IN_FLIGHT} in flight): ${format(redis.answers)}`);
		console.log(`store: Redis raw SET/s, same client and concurrency:                 ${format(redis.sets)}`);
		console.log(`store: ratio answers/SET:                                            ${(redis.answers / redis.sets).toFixed(2)}`);
		console.log(`store: SQLite answers recorded/s through the Store port (fsynced):   ${format(sqlite)}`);
		console.log(`store: ratio SQLite/Redis answers/s:                                 ${(sqlite / redis.answers).toFixed(2)}`);
		console.log(
			`store: SQLite open: empty ${ms(opens.empty)}, 100,000 answers ${ms(opens.small)}, 1,000,000 answers ${ms(opens.big)}; ratio 1,000,000/empty ${(opens.big / opens.empty).toFixed(2)}`,
		);
		console.log(
			`store: RSS of a process with the SQLite store open after the usual reads: empty ${mb(rss.empty)}, 1,000,000 answers ${mb(rss.big)}; difference ${mb(rss.big - rss.empty)}`,
		);
		console.log(
			`store: 4-week participation report, workspace of 5,000 learners and 500,000 answers (${format(report.answers)} in the 4 weeks): SQL ${ms(report.sql)}; read through the port and aggregated in JS ${ms(report.scan)}; ratio ${(report.sql / report.scan).toFixed(2)}`,
		);
	} finally {
		await rm(root, { recursive: true, force: true });
	}
}

// Run alone with `node bench/store.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await storeBench();

if (import.meta.main) await storeBench();
