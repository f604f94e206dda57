/**
 * Fault test: a redis-server of our own is killed (SIGKILL, a crash, not a clean shutdown) while
 * answers are being recorded, then started again on the same port and data folder.
 *
 * What "nothing recorded before is lost" honestly needs: persistence that survives the crash.
 * This server runs with --appendonly yes --appendfsync always, so Redis fsyncs each write before
 * it replies; an answer the store acknowledged is on disk. (With the common appendfsync everysec
 * a crash may lose up to a second of writes; production should use always, or replicas with WAIT.)
 *
 * Checked: every acknowledged answer is there afterwards; every failed call was reported as
 * StoreUnavailableError and nothing else; the process did not crash; the client reconnected by
 * itself and recorded again.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectRedis } from "../../adapters/redis/connect.ts";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import { StoreUnavailableError } from "../../src/ports/store.ts";
import { RedisServer } from "../helpers/redis-servers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: RedisServer;

beforeAll(async () => {
	server = await RedisServer.start(["--appendonly", "yes", "--appendfsync", "always"]);
});

afterAll(async () => {
	await server.stop();
});

it("loses no acknowledged answer and reports every failure when Redis restarts mid-stream", { timeout: 20_000 }, async () => {
	const connectionErrors: Error[] = [];
	const client = await connectRedis({ url: server.url }, { commandTimeoutMs: 1000, onError: (error) => connectionErrors.push(error) });
	const store = new RedisStore(client, { keyPrefix: "kubecoach-fault:" });
	const acknowledged: string[] = [];
	const unavailable: string[] = [];
	const unexpected: unknown[] = [];
	let phase: "before" | "down" | "after" = "before";
	let recordedAfterRestart = 0;
	let stop = false;

	const writer = async (w: number) => {
		for (let i = 0; !stop; i++) {
			const id = `q${i}-w${w}`;
			const answeredAt = new Date(Date.UTC(2026, 0, 5) + i * 1000);
			try {
				const result = await store.recordAnswer({
					channelId: "slack:T1:C1",
					quizId: `q${i}`,
					userId: `slack:T1:U${w}`,
					questionId: "resources-1",
					episode: 2,
					choice: "a",
					correct: true,
					answeredAt,
					day: answeredAt.toISOString().slice(0, 10),
				});
				if (result.status !== "recorded") unexpected.push(new Error(`${id} was ${result.status}`));
				acknowledged.push(id);
				if (phase === "after") recordedAfterRestart++;
			} catch (error) {
				if (error instanceof StoreUnavailableError) unavailable.push(id);
				else unexpected.push(error);
				await sleep(20);
			}
		}
	};
	const writers = Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));

	await sleep(800);
	const beforeCrash = acknowledged.length;
	await server.kill();
	phase = "down";
	await sleep(700);
	await server.restart();
	phase = "after";
	const deadline = Date.now() + 8000;
	while (recordedAfterRestart < 200 && Date.now() < deadline) await sleep(50);
	stop = true;
	await writers;

	expect(beforeCrash).toBeGreaterThan(100);
	expect(unexpected).toEqual([]);
	expect(unavailable.length).toBeGreaterThan(0);
	expect(connectionErrors.length).toBeGreaterThan(0);
	expect(recordedAfterRestart).toBeGreaterThanOrEqual(200);

	const stored = new Set(
		(await store.listAnswers({ channelId: "slack:T1:C1", range: { from: new Date(0), to: new Date(Date.UTC(2030, 0)) } })).map(
			(a) => `${a.quizId}-w${a.userId.slice("slack:T1:U".length)}`,
		),
	);
	expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
	await store.close();
});
