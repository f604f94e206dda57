import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisClient } from "../../adapters/redis/connect.ts";
import { connectRedis } from "../../adapters/redis/connect.ts";
import { RedisKeys } from "../../adapters/redis/keys.ts";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import { StoreUnavailableError } from "../../src/ports/store.ts";
import { clean, connectTestRedis, testPrefix } from "./redis-test-db.ts";
import { answer, channel, storeContract } from "./store.contract.ts";

// This file's own database; other Redis test files use other numbers.
const DB = 11;
const prefixes = new Map<object, string>();
let admin: RedisClient;

beforeAll(async () => {
	admin = await connectTestRedis(DB);
});
afterAll(async () => {
	await admin.quit();
});

storeContract({
	name: "Redis",
	makeStore: async () => {
		const prefix = testPrefix("store");
		const store = new RedisStore(await connectTestRedis(DB), { keyPrefix: prefix });
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

describe("Redis participation over answers recorded before the workspace's answer-channels set", () => {
	it("still counts a course channel's answers in the workspace's report", async () => {
		const prefix = testPrefix("legacy");
		const store = new RedisStore(await connectTestRedis(DB), { keyPrefix: prefix });
		try {
			await store.saveChannel(channel());
			await store.recordAnswer(answer("a", "slack:T1:U1", "2026-01-06T10:00:00Z"));
			await admin.del(new RedisKeys(prefix).answerChannels("slack:T1"));
			const figures = await store.participation({ workspaceId: "slack:T1" }, { from: new Date(0), to: new Date("2027-01-01T00:00:00Z") });
			expect(figures.learners.map((l) => l.userId)).toEqual(["slack:T1:U1"]);
		} finally {
			await store.close();
			await clean(admin, prefix);
		}
	});
});

describe("Redis store when Redis is away", () => {
	it("fails at connect time with StoreUnavailableError", async () => {
		const failure = await connectRedis({ url: "redis://127.0.0.1:1" }, { connectTimeoutMs: 500 }).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(StoreUnavailableError);
	});

	it("fails calls fast with StoreUnavailableError after the connection is gone, without crashing", async () => {
		const prefix = testPrefix("away");
		const client = await connectTestRedis(DB);
		const store = new RedisStore(client, { keyPrefix: prefix });
		client.disconnect();
		const started = Date.now();
		const failure = await store.recordAnswer(answer("a", "slack:T1:U1", "2026-01-06T10:00:00Z")).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(StoreUnavailableError);
		expect(failure).toMatchObject({ code: "store-unavailable", message: "I could not record your answer, please press again." });
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await store.getChannel("slack:T1:C1").catch((e: unknown) => e)).toBeInstanceOf(StoreUnavailableError);
		await store.close();
	});
});
