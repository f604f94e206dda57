/**
 * Redis for tests: the server at REDIS_URL (the test command guarantees one), a database number
 * per test file, and a key prefix per store so that tests never see each other's keys. `clean`
 * deletes everything under a prefix.
 */
import { randomUUID } from "node:crypto";
import { connectRedis, type RedisClient } from "../../adapters/redis/connect.ts";

// The one place tests learn where Redis is; adapters never read the environment.
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export function connectTestRedis(db: number): Promise<RedisClient> {
	return connectRedis({ url: redisUrl, options: { db } });
}

export function testPrefix(name: string): string {
	return `kubecoach-test:${name}:${randomUUID()}:`;
}

export async function clean(client: RedisClient, prefix: string): Promise<void> {
	if (!("scanStream" in client)) throw new Error("tests use a single Redis, not a Cluster");
	let cursor = "0";
	do {
		const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
		if (keys.length > 0) await client.del(...keys);
		cursor = next;
	} while (cursor !== "0");
}
