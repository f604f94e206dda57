import type { KubeObject } from "../readiness/snapshot.ts";

/** Which live object `/explain pod/NAME` or `/explain deployment/NAME` asks about. */
export interface ObjectRef {
	readonly kind: "Pod" | "Deployment";
	readonly namespace: string;
	readonly name: string;
}

/** One event of the object or of its pods, as `kubectl get events` shows it. */
export interface ObjectEvent {
	readonly type: string;
	readonly reason: string;
	readonly message: string;
	/** The kind and name of what the event is about (a Pod, the Deployment, a ReplicaSet). */
	readonly object: { readonly kind: string; readonly name: string };
	readonly count: number;
	/** ISO time of the last occurrence, when the server gave one. */
	readonly lastSeen?: string;
}

/** What was read: the object, its pods (the pod itself for a Pod), and their recent events, newest first. */
export interface LiveObject {
	readonly ref: ObjectRef;
	readonly object: KubeObject;
	readonly pods: readonly KubeObject[];
	readonly events: readonly ObjectEvent[];
	/** Where it was read from, for the reply: "context prod (https://...)". */
	readonly source: string;
}

/** Why an object could not be read; `code` is stable, `message` says what to do. */
export class ObjectReadError extends Error {
	readonly code: "not-found" | "forbidden" | "bad-context" | "unreachable" | "timeout" | "unauthorized" | "bad-input";

	constructor(code: ObjectReadError["code"], message: string) {
		super(message);
		this.name = "ObjectReadError";
		this.code = code;
	}
}

/**
 * Reads one named pod or deployment with what explains its state: the pods (a deployment's are
 * found by its selector, at most `MAX_PODS`) and the recent events of the object and of those
 * pods. Never reads Secrets. Throws ObjectReadError when the object cannot be read; an events list
 * the reader may not read is reported as no events rather than as a failure.
 */
export interface ObjectReader {
	/** `cluster` picks a configured cluster (a kubeconfig context) by name; omitted: the default. */
	readObject(ref: ObjectRef, options?: { readonly cluster?: string }): Promise<LiveObject>;
}

/** At most this many of a deployment's pods are read. */
export const MAX_PODS = 50;
/** At most this many events are kept, newest first. */
export const MAX_EVENTS = 30;
