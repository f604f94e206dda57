/**
 * Maps what ioredis throws to the port's errors. Connection trouble (refused, closed, timed out,
 * offline, retries exhausted) and the replies Redis gives while it cannot serve (LOADING after a
 * restart, READONLY/MASTERDOWN during a failover, CLUSTERDOWN, TRYAGAIN) become
 * StoreUnavailableError. Any other reply error is a bug in our commands, and a TypeError,
 * RangeError or SyntaxError one in our code: those are rethrown as they are, not disguised as an
 * outage.
 */
import { StoreUnavailableError } from "../../src/ports/store.ts";

const TRANSIENT_REPLIES = /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|BUSY|NOREPLICAS|MOVED|ASK)\b/;

export function isReplyError(error: unknown): error is Error {
	return error instanceof Error && error.name === "ReplyError";
}

export function toStoreError(operation: "recordAnswer" | "read" | "write", error: unknown): Error {
	if (error instanceof StoreUnavailableError) return error;
	if (isReplyError(error) && !TRANSIENT_REPLIES.test(error.message)) return error;
	if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) return error;
	return new StoreUnavailableError(operation, { cause: error });
}
