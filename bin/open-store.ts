/**
 * The store and run coordinator the environment configures: Redis (shared by replicas) when
 * REDIS_URL, REDIS_CLUSTER_NODES (a Redis Cluster) or REDIS_SENTINELS (Sentinel) is set, else the
 * embedded SQLite store in KUBECOACH_DATA_DIR, whose run coordinator lives in the same database
 * (so several processes on one folder also run each fire once). Each store's modules (ioredis,
 * SQLite) load only when it is the one configured.
 */
import { resolve } from "node:path";
import type { RedisConnectionConfig } from "../adapters/redis/connect.ts";
import { type Config, ConfigError } from "../src/config.ts";
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
		const [{ connectRedis }, { RedisRunCoordinator }, { RedisStore }] = await Promise.all([
			import("../adapters/redis/connect.ts"),
			import("../adapters/redis/redis-run-coordinator.ts"),
			import("../adapters/redis/redis-store.ts"),
		]);
		let lastError = "";
		const client = await connectRedis(connection, {
			// Connection errors repeat while Redis is away: log each distinct one once.
			onError: (error) => {
				if (error.message !== lastError) logger.warn(`Redis: ${error.message}`);
				lastError = error.message;
			},
		}).catch((error: unknown) => {
			// One line for the operator: where (without a password), why, and what to change.
			const cause = lastError || (error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error));
			throw new ConfigError(`Cannot reach ${describeRedis(config)}: ${cause.replace(/\.$/, "")}. ${redisFix(config)}`);
		});
		const keyPrefix = config.KUBECOACH_REDIS_PREFIX;
		return { store: new RedisStore(client, { keyPrefix }), coordinator: new RedisRunCoordinator(client, { keyPrefix }), where: "Redis" };
	}
	const [{ openSqliteStore }, { SqliteRunCoordinator }] = await Promise.all([
		import("../adapters/sqlite/open-sqlite-store.ts"),
		import("../adapters/sqlite/sqlite-run-coordinator.ts"),
	]);
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

/** Where the configured Redis is, for an error line: never its password. */
function describeRedis(config: Config): string {
	if (config.REDIS_URL) return `Redis at ${withoutPassword(config.REDIS_URL)} (REDIS_URL)`;
	if (config.REDIS_CLUSTER_NODES) return `the Redis Cluster at ${config.REDIS_CLUSTER_NODES.join(", ")} (REDIS_CLUSTER_NODES)`;
	return `Redis master ${config.REDIS_SENTINEL_NAME ?? ""} through the sentinels ${(config.REDIS_SENTINELS ?? []).join(", ")} (REDIS_SENTINELS)`;
}

function redisFix(config: Config): string {
	if (config.REDIS_URL) return "Start Redis there, or set REDIS_URL to a Redis that answers (redis://HOST:6379).";
	if (config.REDIS_CLUSTER_NODES) return "Start the cluster, or set REDIS_CLUSTER_NODES to nodes that answer (HOST:PORT,HOST:PORT).";
	return "Start the sentinels, or set REDIS_SENTINELS and REDIS_SENTINEL_NAME to ones that answer.";
}

/** A Redis URL fit for a log line: its password replaced. */
function withoutPassword(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = "***";
		return parsed.toString();
	} catch {
		return "the configured address";
	}
}
