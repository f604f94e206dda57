import { afterAll, beforeAll, expect } from "vitest";
import type { RedisClient } from "../../adapters/redis/connect.ts";
import { RedisRunCoordinator } from "../../adapters/redis/redis-run-coordinator.ts";
import { clean, connectTestRedis, testPrefix } from "./redis-test-db.ts";
import { runCoordinatorContract } from "./run-coordinator.contract.ts";

const DB = 12;
let admin: RedisClient;
const owned = new Map<object, { prefix: string; clients: RedisClient[] }>();

beforeAll(async () => {
	admin = await connectTestRedis(DB);
});
afterAll(async () => {
	await admin.quit();
});

runCoordinatorContract({
	name: "Redis",
	makePair: async () => {
		const prefix = testPrefix("coordinator");
		// Two connections, as two replicas have: their SETs really race inside Redis.
		const clients = [await connectTestRedis(DB), await connectTestRedis(DB)] as const;
		const pair = {
			first: new RedisRunCoordinator(clients[0], { keyPrefix: prefix }),
			second: new RedisRunCoordinator(clients[1], { keyPrefix: prefix }),
		};
		owned.set(pair, { prefix, clients: [...clients] });
		return pair;
	},
	teardown: async (pair) => {
		const entry = owned.get(pair);
		if (!entry) throw new Error("unknown pair");
		for (const client of entry.clients) await client.quit();
		await clean(admin, entry.prefix);
		expect(await admin.keys(`${entry.prefix}*`)).toEqual([]);
	},
});
