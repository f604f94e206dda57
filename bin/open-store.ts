/**
 * The store and run coordinator the environment configures: Redis (shared by replicas) when
 * REDIS_URL is set, else the embedded file store in KUBECOACH_DATA_DIR with the local coordinator.
 */
import { resolve } from "node:path";
import { openFileStore } from "../adapters/file/file-store.ts";
import { LocalRunCoordinator } from "../adapters/file/local-run-coordinator.ts";
import { connectRedis } from "../adapters/redis/connect.ts";
import { RedisRunCoordinator } from "../adapters/redis/redis-run-coordinator.ts";
import { RedisStore } from "../adapters/redis/redis-store.ts";
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
	const dir = resolve(cwd, override?.dataDir ?? config.KUBECOACH_DATA_DIR);
	return { store: await openFileStore({ dir }), coordinator: new LocalRunCoordinator(), where: dir };
}
