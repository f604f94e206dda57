import type { NamespaceSnapshot } from "../readiness/snapshot.ts";

/** Why a snapshot could not be taken at all; `code` is stable, `message` says what to do. */
export class ClusterReadError extends Error {
	readonly code: "namespace-not-found" | "bad-context" | "unreachable" | "timeout" | "unauthorized" | "bad-input";

	constructor(code: ClusterReadError["code"], message: string) {
		super(message);
		this.name = "ClusterReadError";
		this.code = code;
	}
}

/**
 * Reads a namespace into a snapshot. Throws ClusterReadError when the whole read is impossible
 * (unknown namespace, bad context, unreachable or hung API server); a single refused list is not
 * an error: it is recorded in the snapshot as `forbidden` with its reason.
 */
export interface ClusterReader {
	/** `cluster` picks a configured cluster (a kubeconfig context) by name; omitted: the default. */
	readNamespace(namespace: string, options?: { readonly cluster?: string }): Promise<NamespaceSnapshot>;
}
