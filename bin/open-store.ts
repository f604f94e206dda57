/**
 * The store and run coordinator the environment configures: Redis (shared by replicas) when
 * REDIS_URL is set, else the embedded SQLite store in KUBECOACH_DATA_DIR, whose run coordinator
 * lives in the same database (so several processes on one folder also run each fire once). Each
 * store's modules (ioredis, SQLite) load only when it is the one configured.
 */
import { resolve } from "node:path";
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
	if (config.REDIS_URL && !override) {
		const [{ connectRedis }, { RedisRunCoordinator }, { RedisStore }] = await Promise.all([
			import("../adapters/redis/connect.ts"),
			import("../adapters/redis/redis-run-coordinator.ts"),
			import("../adapters/redis/redis-store.ts"),
		]);
		let lastError = "";
		const client = await connectRedis(
			{ url: config.REDIS_URL },
			{
				// Connection errors repeat while Redis is away: log each distinct one once.
				onError: (error) => {
					if (error.message !== lastError) logger.warn(`Redis: ${error.message}`);
					lastError = error.message;
				},
			},
		);
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
