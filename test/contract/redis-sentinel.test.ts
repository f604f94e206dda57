/**
 * The Store contract through Redis Sentinel: a master and a sentinel this file starts, and the
 * client bin/open-store.ts makes from REDIS_SENTINELS and REDIS_SENTINEL_NAME, which asks the
 * sentinel where the master is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisClient } from "../../adapters/redis/connect.ts";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import { redisConnection } from "../../bin/open-store.ts";
import { parseConfig } from "../../src/config.ts";
import { RedisSentinel, RedisServer } from "../helpers/redis-servers.ts";
import { clean, testPrefix } from "./redis-test-db.ts";
import { storeContract } from "./store.contract.ts";

const NAME = "kubecoach-test-master";
let master: RedisServer;
let sentinel: RedisSentinel;
let admin: RedisClient;
const prefixes = new Map<object, string>();

function connectThroughSentinel(): Promise<RedisClient> {
	const connection = redisConnection(parseConfig({ REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`, REDIS_SENTINEL_NAME: NAME }));
	if (!connection || !("sentinel" in connection)) throw new Error("REDIS_SENTINELS did not select Sentinel");
	return connectRedis(connection);
}

beforeAll(async () => {
	master = await RedisServer.start();
	sentinel = await RedisSentinel.start(master.port, NAME);
	admin = await connectRedis({ url: master.url });
}, 30_000);
afterAll(async () => {
	await admin?.quit();
	await sentinel?.stop();
	await master?.stop();
});

describe("Redis Sentinel", () => {
	it("connects to the master the sentinel names", async () => {
		const client = await connectThroughSentinel();
		await client.set("kubecoach-test:sentinel", "1");
		expect(await admin.get("kubecoach-test:sentinel")).toBe("1");
		await admin.del("kubecoach-test:sentinel");
		await client.quit();
	});
});

storeContract({
	name: "Redis through Sentinel",
	makeStore: async () => {
		const prefix = testPrefix("sentinel-store");
		const store = new RedisStore(await connectThroughSentinel(), { keyPrefix: prefix });
		prefixes.set(store, prefix);
		return store;
	},
	teardown: async (store) => {
		await store.close();
		const prefix = prefixes.get(store);
		if (!prefix) throw new Error("unknown store");
		await clean(admin, prefix);
		expect(await admin.keys(`${prefix}*`)).toEqual([]);
	},
});
