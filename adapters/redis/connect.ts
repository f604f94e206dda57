/**
 * Makes the ioredis client the store and the run coordinator share, from a plain config object
 * (the composition root builds it from REDIS_URL and friends; nothing here reads the environment).
 *
 * Defaults are chosen to fail fast and recover on their own: no offline queue (a command while
 * disconnected fails at once instead of waiting), one retry per request, a short command timeout,
 * reconnection forever with capped backoff, and an 'error' listener so that a Redis outage is
 * never an unhandled 'error' event that would crash the process.
 */
import { Cluster, type ClusterNode, type ClusterOptions, Redis, type RedisOptions } from "ioredis";
import { StoreUnavailableError } from "../../src/ports/store.ts";

export type RedisClient = Redis | Cluster;

/** ioredis options, less replyMapping: the store reads replies in the default ("legacy") shapes. */
type Options = Omit<RedisOptions, "replyMapping">;

export type RedisConnectionConfig =
	/** redis://, rediss:// (TLS) or unix socket URL; `options` are passed to ioredis as they are. */
	| { readonly url: string; readonly options?: Options }
	/** Sentinel: at least `sentinels` and `name`, plus any other ioredis option, passed through. */
	| { readonly sentinel: Options & Required<Pick<Options, "sentinels" | "name">> }
	/** Cluster: startup nodes and ioredis ClusterOptions, passed through. */
	| {
			readonly cluster: {
				readonly nodes: ClusterNode[];
				readonly options?: Omit<ClusterOptions, "redisOptions"> & { readonly redisOptions?: Options };
			};
	  };

export interface ConnectOptions {
	/** Milliseconds a command may take before it fails with StoreUnavailableError (default 2000). */
	readonly commandTimeoutMs?: number;
	/** How long to wait for the first connection before giving up (default 5000 ms). */
	readonly connectTimeoutMs?: number;
	/** Sees connection errors (they repeat while Redis is away); default: ignored. */
	readonly onError?: (error: Error) => void;
}

function failFast(options: ConnectOptions): Options {
	return {
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1,
		commandTimeout: options.commandTimeoutMs ?? 2000,
		connectTimeout: options.connectTimeoutMs ?? 5000,
		enableAutoPipelining: true,
		// Keep trying forever, backing off to one attempt every 2 s.
		retryStrategy: (times) => Math.min(times * 100, 2000),
	};
}

function createClient(config: RedisConnectionConfig, options: ConnectOptions): RedisClient {
	const defaults = failFast(options);
	if ("url" in config) return new Redis(config.url, { ...defaults, ...config.options, lazyConnect: true });
	if ("sentinel" in config) return new Redis({ ...defaults, ...config.sentinel, lazyConnect: true });
	return new Cluster(config.cluster.nodes, {
		enableOfflineQueue: false,
		enableAutoPipelining: true,
		clusterRetryStrategy: defaults.retryStrategy ?? undefined,
		...config.cluster.options,
		redisOptions: { ...defaults, ...config.cluster.options?.redisOptions },
		lazyConnect: true,
	});
}

/**
 * Connects and resolves once Redis answers. Throws StoreUnavailableError (with the cause) when it
 * does not within the connect timeout, so a misconfigured REDIS_URL stops start-up with a reason.
 */
export async function connectRedis(config: RedisConnectionConfig, options: ConnectOptions = {}): Promise<RedisClient> {
	const client = createClient(config, options);
	client.on("error", (error: Error) => options.onError?.(error));
	const timeoutMs = options.connectTimeoutMs ?? 5000;
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			client.connect(),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
			}),
		]);
		return client;
	} catch (error) {
		client.disconnect();
		throw new StoreUnavailableError("read", { cause: error });
	} finally {
		clearTimeout(timer);
	}
}
