/**
 * The RunCoordinator on Redis: the first replica to SET the fire's lease key (NX, with PX ttlMs)
 * runs it; the others get false. On completion the lease is kept for `keepDoneMs` more, so that a
 * replica whose clock lags behind cannot claim the same fire after the winner finished.
 */
import { randomUUID } from "node:crypto";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { RedisClient } from "./connect.ts";
import { RedisKeys } from "./keys.ts";
import { keepLease } from "./scripts.ts";

export class RedisRunCoordinator implements RunCoordinator {
	private readonly client: RedisClient;
	private readonly keys: RedisKeys;
	private readonly keepDoneMs: number;
	/** Tells this process's leases from other replicas'. */
	private readonly owner = randomUUID();

	/** Uses `client` without owning it (the store closes it). `keepDoneMs` defaults to one hour. */
	constructor(client: RedisClient, options: { readonly keyPrefix: string; readonly keepDoneMs?: number }) {
		this.client = client;
		this.keys = new RedisKeys(options.keyPrefix);
		this.keepDoneMs = options.keepDoneMs ?? 3_600_000;
	}

	/** Throws (the job runner then skips the fire) when Redis cannot be asked. */
	async shouldRun(key: string, ttlMs: number): Promise<boolean> {
		const reply = await this.client.set(this.keys.lease(key), this.owner, "PX", Math.max(1, Math.ceil(ttlMs)), "NX");
		return reply === "OK";
	}

	async onComplete(key: string): Promise<void> {
		await keepLease.run(this.client, [this.keys.lease(key)], [this.owner, this.keepDoneMs]);
	}
}
