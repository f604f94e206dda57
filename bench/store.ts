/**
 * Store throughput, printed for `npm run bench`:
 * - answers recorded per second through the Store port on Redis (one process, many calls in
 *   flight so that ioredis auto-pipelines them; each is the full recordAnswer Lua script: dedupe,
 *   three index writes and the streak);
 * - raw SET per second with the same client and the same concurrency in the same run (the
 *   redis-benchmark-style baseline), and the ratio of the two;
 * - answers per second on the embedded file store (each acknowledged only once fsynced; group
 *   commit shares one fsync among the calls in flight).
 * Uses its own database number and key prefix on Redis and a temporary folder, all removed after.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openFileStore } from "../adapters/file/file-store.ts";
import { connectRedis } from "../adapters/redis/connect.ts";
import { RedisStore } from "../adapters/redis/redis-store.ts";
import type { Answer, Store } from "../src/ports/store.ts";
import { clean } from "../test/contract/redis-test-db.ts";
import { heading } from "./measure.ts";

const DB = 13;
const SECONDS = 4;
const IN_FLIGHT = 256;

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

export default async function storeBench(): Promise<void> {
	const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
	const prefix = `kubecoach-bench:${randomUUID()}:`;
	const client = await connectRedis({ url, options: { db: DB } });
	const store = new RedisStore(client, { keyPrefix: prefix });
	let answers = 0;
	let sets = 0;
	try {
		await recordAll(store, 0.5, 10_000_000); // warm-up: scripts loaded, connection hot
		answers = await recordAll(store, SECONDS);
		const value = "x".repeat(200); // about the size of an answer
		sets = await perSecond(SECONDS, (i) => client.set(`${prefix}set:${i}`, value));
	} finally {
		await clean(client, prefix);
		await store.close();
	}

	const dir = await mkdtemp(join(tmpdir(), "kubecoach-bench-"));
	let fileAnswers = 0;
	try {
		const fileStore = await openFileStore({ dir });
		fileAnswers = await recordAll(fileStore, SECONDS / 2);
		await fileStore.close();
	} finally {
		await rm(dir, { recursive: true, force: true });
	}

	heading("Store");
	console.log(`store: Redis answers recorded/s through the Store port (${IN_FLIGHT} in flight): ${format(answers)}`);
	console.log(`store: Redis raw SET/s, same client and concurrency:                 ${format(sets)}`);
	console.log(`store: ratio answers/SET:                                            ${(answers / sets).toFixed(2)}`);
	console.log(`store: file store answers recorded/s (fsynced, group commit):        ${format(fileAnswers)}`);
}

// Run alone with `node bench/store.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await storeBench();
