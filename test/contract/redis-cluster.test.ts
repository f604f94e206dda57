/**
 * The Store and RunCoordinator contracts against a real three-node Redis Cluster this file starts
 * (redis-server --cluster-enabled yes on free ports, joined by redis-cli --cluster create), through
 * the client bin/open-store.ts makes from REDIS_CLUSTER_NODES. A multi-key script or transaction
 * whose keys left one hash slot fails here with CROSSSLOT.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRedis, type RedisClient } from "../../adapters/redis/connect.ts";
import { RedisKeys } from "../../adapters/redis/keys.ts";
import { RedisRunCoordinator } from "../../adapters/redis/redis-run-coordinator.ts";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import { redisConnection } from "../../bin/open-store.ts";
import { parseConfig } from "../../src/config.ts";
import { RedisClusterNodes } from "../helpers/redis-servers.ts";
import { testPrefix } from "./redis-test-db.ts";
import { runCoordinatorContract } from "./run-coordinator.contract.ts";
import { storeContract } from "./store.contract.ts";

let cluster: RedisClusterNodes;
let admin: RedisClient;
const clients = new Map<object, { prefix: string; clients: RedisClient[] }>();

function connectCluster(): Promise<RedisClient> {
	const connection = redisConnection(parseConfig({ REDIS_CLUSTER_NODES: cluster.addresses }));
	if (!connection || !("cluster" in connection)) throw new Error("REDIS_CLUSTER_NODES did not select a cluster");
	return connectRedis(connection);
}

/** Every key under a prefix, from every master (SCAN is per node in a cluster). */
async function keysUnder(prefix: string): Promise<string[]> {
	if (!("nodes" in admin)) throw new Error("not a cluster client");
	const perNode = await Promise.all(admin.nodes("master").map((node) => node.keys(`${prefix}*`)));
	return perNode.flat();
}

async function clean(prefix: string): Promise<void> {
	for (const key of await keysUnder(prefix)) await admin.del(key);
	expect(await keysUnder(prefix)).toEqual([]);
}

beforeAll(async () => {
	cluster = await RedisClusterNodes.start(3);
	admin = await connectCluster();
}, 60_000);
afterAll(async () => {
	await admin?.quit();
	await cluster?.stop();
});

describe("Redis Cluster", () => {
	it("spreads the keys of different workspaces over the nodes and keeps one workspace's keys in one slot", async () => {
		if (!("nodes" in admin)) throw new Error("not a cluster client");
		expect(admin.nodes("master")).toHaveLength(3);
		const keys = new RedisKeys("p:");
		const slotOf = async (key: string) => Number(await admin.call("CLUSTER", "KEYSLOT", key));
		const one = [
			keys.quiz("slack:T1:C1", "q1"),
			keys.quizAnswers("slack:T1:C1", "q1"),
			keys.channelAnswers("slack:T1:C1"),
			keys.userAnswers("slack:T1:C1", "slack:T1:U1"),
			keys.streaks("slack:T1:C1"),
			keys.cards("slack:T1:U1"),
			keys.cardsDue("slack:T1:U1"),
		];
		expect(new Set(await Promise.all(one.map(slotOf))).size).toBe(1);
		const workspaces = Array.from({ length: 30 }, (_, i) => keys.channel(`slack:T${i}:C1`));
		expect(new Set(await Promise.all(workspaces.map(slotOf))).size).toBeGreaterThan(1);
	});
});

storeContract({
	name: "Redis Cluster",
	makeStore: async () => {
		const prefix = testPrefix("cluster-store");
		const client = await connectCluster();
		const store = new RedisStore(client, { keyPrefix: prefix });
		clients.set(store, { prefix, clients: [client] });
		return store;
	},
	teardown: async (store) => {
		await store.close();
		const entry = clients.get(store);
		if (!entry) throw new Error("unknown store");
		await clean(entry.prefix);
	},
});

runCoordinatorContract({
	name: "Redis Cluster",
	makePair: async () => {
		const prefix = testPrefix("cluster-coordinator");
		const pairClients = [await connectCluster(), await connectCluster()] as const;
		const pair = {
			first: new RedisRunCoordinator(pairClients[0], { keyPrefix: prefix }),
			second: new RedisRunCoordinator(pairClients[1], { keyPrefix: prefix }),
		};
		clients.set(pair, { prefix, clients: [...pairClients] });
		return pair;
	},
	teardown: async (pair) => {
		const entry = clients.get(pair);
		if (!entry) throw new Error("unknown pair");
		for (const client of entry.clients) await client.quit();
		await clean(entry.prefix);
	},
});
