import { describe, expect, it } from "vitest";
import { redisConnection } from "../../bin/open-store.ts";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("which Redis the environment selects", () => {
	it("none by default (the embedded SQLite store), one server by REDIS_URL", () => {
		expect(redisConnection(parseConfig({}))).toBeUndefined();
		expect(redisConnection(parseConfig({ REDIS_URL: "redis://r:6379" }))).toEqual({ url: "redis://r:6379" });
	});

	it("a Redis Cluster from REDIS_CLUSTER_NODES, with REDIS_PASSWORD for every node", () => {
		expect(redisConnection(parseConfig({ REDIS_CLUSTER_NODES: "redis-0.redis:6379, 10.0.0.7:7001", REDIS_PASSWORD: "pw" }))).toEqual({
			cluster: {
				nodes: [
					{ host: "redis-0.redis", port: 6379 },
					{ host: "10.0.0.7", port: 7001 },
				],
				options: { redisOptions: { password: "pw" } },
			},
		});
	});

	it("a master through its Sentinels from REDIS_SENTINELS and REDIS_SENTINEL_NAME", () => {
		expect(redisConnection(parseConfig({ REDIS_SENTINELS: "s1:26379,s2:26379", REDIS_SENTINEL_NAME: "mymaster" }))).toEqual({
			sentinel: {
				sentinels: [
					{ host: "s1", port: 26379 },
					{ host: "s2", port: 26379 },
				],
				name: "mymaster",
			},
		});
	});

	it("refuses two choices at once, Sentinels without a name and nodes without a port, saying what is expected", () => {
		expect(() => parseConfig({ REDIS_URL: "redis://r:6379", REDIS_CLUSTER_NODES: "a:1" })).toThrow(
			/REDIS_CLUSTER_NODES: set one of REDIS_URL and REDIS_CLUSTER_NODES, not both/,
		);
		expect(() => parseConfig({ REDIS_SENTINELS: "s1:26379" })).toThrow(
			/REDIS_SENTINEL_NAME: set REDIS_SENTINELS and REDIS_SENTINEL_NAME together/,
		);
		expect(() => parseConfig({ REDIS_CLUSTER_NODES: "redis-0" })).toThrow(ConfigError);
		expect(() => parseConfig({ REDIS_CLUSTER_NODES: "redis-0" })).toThrow(/host:port pairs separated by commas/);
	});
});
