/**
 * The store and run coordinator the environment configures: Redis (shared by replicas) when
 * REDIS_URL, REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_SENTINELS (Sentinel) is set, else the
 * embedded SQLite store in KUBECOACH_DATA_DIR, whose run coordinator lives in the same database
 * (so several processes on one folder also run each fire once).
 */
import { resolve } from "node:path";
import { connectRedis, type RedisConnectionConfig } from "../adapters/redis/connect.ts";
import { RedisRunCoordinator } from "../adapters/redis/redis-run-coordinator.ts";
import { RedisStore } from "../adapters/redis/redis-store.ts";
import { openSqliteStore } from "../adapters/sqlite/open-sqlite-store.ts";
import { SqliteRunCoordinator } from "../adapters/sqlite/sqlite-run-coordinator.ts";
import type { Config } from "../src/config.ts";
import type { Logger } from "../src/ports/logger.ts";
import type { RunCoordinator } from "../src/ports/run-coordinator.ts";
import type { Store } from "../src/ports/store.ts";

export interface OpenedStore {
	readonly store: Store;
	readonly coordinator: RunCoordinator;
	/** Where the data lives, for the start-up line. */
	readonly where: string;
}

export async function openConfiguredStore(
	config: Config,
	cwd: string,
	logger: Logger,
	override?: { readonly dataDir: string },
): Promise<OpenedStore> {
	const connection = redisConnection(config);
	if (connection && !override) {
		let lastError = "";
		const client = await connectRedis(connection, {
			// Connection errors repeat while Redis is away: log each distinct one once.
			onError: (error) => {
				if (error.message !== lastError) logger.warn(`Redis: ${error.message}`);
				lastError = error.message;
			},
		});
		const keyPrefix = config.KUBECOACH_REDIS_PREFIX;
		return { store: new RedisStore(client, { keyPrefix }), coordinator: new RedisRunCoordinator(client, { keyPrefix }), where: "Redis" };
	}
	const dir = resolve(cwd, override?.dataDir ?? config.KUBECOACH_DATA_DIR);
	const store = await openSqliteStore({ dir, logger });
	return { store, coordinator: new SqliteRunCoordinator(store.connection), where: store.file };
}

/** Which Redis the configuration names, if any: one server by URL, a Cluster, or a master through its Sentinels. */
export function redisConnection(config: Config): RedisConnectionConfig | undefined {
	const password = config.REDIS_PASSWORD;
	if (config.REDIS_URL) return { url: config.REDIS_URL };
	if (config.REDIS_CLUSTER_NODES) {
		return { cluster: { nodes: config.REDIS_CLUSTER_NODES, options: password === undefined ? {} : { redisOptions: { password } } } };
	}
	if (config.REDIS_SENTINELS && config.REDIS_SENTINEL_NAME) {
		return {
			sentinel: { sentinels: config.REDIS_SENTINELS, name: config.REDIS_SENTINEL_NAME, ...(password === undefined ? {} : { password }) },
		};
	}
	return undefined;
}
