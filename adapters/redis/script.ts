/**
 * A Lua script run by EVALSHA, falling back to EVAL when the server does not know it yet (first
 * use, or after a restart emptied the script cache). Scripts are atomic: no other command runs
 * between their reads and writes, which is what makes "check, then write" safe across replicas.
 */
import { createHash } from "node:crypto";
import type { RedisClient } from "./connect.ts";
import { isReplyError } from "./errors.ts";

export class Script {
	private readonly lua: string;
	private readonly sha: string;

	constructor(lua: string) {
		this.lua = lua;
		this.sha = createHash("sha1").update(lua).digest("hex");
	}

	async run(client: RedisClient, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
		try {
			return await client.evalsha(this.sha, keys.length, ...keys, ...args);
		} catch (error) {
			if (!isReplyError(error) || !error.message.startsWith("NOSCRIPT")) throw error;
			return await client.eval(this.lua, keys.length, ...keys, ...args);
		}
	}
}
