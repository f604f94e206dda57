/**
 * Redis dies (SIGKILL) and comes back while 500 learners answer a channel quiz, through the real
 * core on the real Redis store (the client bin/open-store.ts makes: no offline queue, fail fast,
 * reconnect on its own). Redis runs with appendfsync always, as a store that must keep what it
 * acknowledged does. Every press gets an answer: acknowledged ("Right" / "Not quite") and then
 * found in the store, or "please press again".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis } from "../../adapters/redis/connect.ts";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import { testPrefix } from "../contract/redis-test-db.ts";
import { RedisServer } from "../helpers/redis-servers.ts";
import { makeWorld } from "../study/harness.ts";

const CH = "slack:T1:C1";
const ANSWERS = 500;
const PRESS_AGAIN = "I could not record your answer, please press again.";

let redis: RedisServer;
beforeAll(async () => {
	redis = await RedisServer.start(["--appendonly", "yes", "--appendfsync", "always"]);
});
afterAll(async () => {
	await redis?.stop();
});

async function until(ok: () => Promise<boolean>, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await ok())) {
		if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe("Redis restarted during 500 quiz answers", () => {
	it("stores every acknowledged answer and tells every learner whose answer failed to press again", async () => {
		const client = await connectRedis({ url: redis.url });
		const store = new RedisStore(client, { keyPrefix: testPrefix("reliability") });
		const world = makeWorld({ start: "2026-01-06T10:00:00Z", store });
		expect(await world.say(CH, "slack:T1:U0", "/quiz 2")).toEqual([]);
		const [post] = world.chat.postsIn(CH, "Recall quiz");
		const first = post?.reply.buttons?.[0]?.value ?? "";
		const quizId = first.slice(0, first.lastIndexOf(":"));

		const acknowledged = new Set<string>();
		const told = new Set<string>();
		const other: string[] = [];
		const answer = async (n: number) => {
			const user = `slack:T1:U${n}`;
			const [reply] = await world.press(CH, user, "quiz-post", `${quizId}:${n % 4}`);
			if (reply?.header === "Right" || reply?.header === "Not quite") acknowledged.add(user);
			else if (reply?.text === PRESS_AGAIN) told.add(user);
			else other.push(`${user}: ${JSON.stringify(reply)}`);
		};
		// Ten learners at a time; Redis is killed after the first 150 and started again after 300.
		for (let n = 1; n <= ANSWERS; n += 10) {
			if (n === 151) await redis.kill();
			if (n === 301) {
				await redis.restart();
				// The client reconnects on its own (backing off to one try every 2 s); presses meanwhile fail and say so.
				const recovered = until(async () => (await store.getQuizPost(CH, quizId).catch(() => null)) !== null, 15_000);
				await Promise.all(Array.from({ length: 10 }, (_, i) => answer(n + i)));
				await recovered;
				continue;
			}
			await Promise.all(Array.from({ length: 10 }, (_, i) => answer(n + i)));
		}

		const stored = new Set((await store.listQuizAnswers(CH, quizId)).map((a) => a.userId));
		const lost = [...acknowledged].filter((user) => !stored.has(user));
		const storedThoughTold = [...told].filter((user) => stored.has(user)).length;
		console.log(
			`reliability/redis-restart: ${ANSWERS} answers, ${acknowledged.size} acknowledged, ${told.size} told to press again ` +
				`(${storedThoughTold} of those stored all the same), ${lost.length} acknowledged answers lost, ${other.length} other replies`,
		);
		expect(other).toEqual([]);
		expect(lost).toEqual([]);
		expect(acknowledged.size + told.size).toBe(ANSWERS);
		// The outage really happened, and the store really came back.
		expect(told.size).toBeGreaterThanOrEqual(150);
		expect([...acknowledged].filter((user) => Number(user.slice("slack:T1:U".length)) > 310).length).toBe(ANSWERS - 310);
		await store.close();
	});
});
