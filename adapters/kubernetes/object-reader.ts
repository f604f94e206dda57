import {
	MAX_EVENTS,
	MAX_PODS,
	type ObjectEvent,
	ObjectReadError,
	type ObjectReader,
	type ObjectRef,
} from "../../src/ports/object-reader.ts";
import type { KubeObject } from "../../src/readiness/snapshot.ts";
import { createKubeGet, type KubeGet, KubeTransportError } from "./kube-http.ts";
import { statusMessage } from "./list-all.ts";
import { type KubeConfigSource, loadKubeConfig } from "./load-kube-config.ts";

export interface ObjectReaderOptions extends KubeConfigSource {
	/** Deadline of each request, body included. Default 10 000 ms. */
	readonly requestTimeoutMs?: number;
}

const NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const NAMESPACE = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The live ObjectReader: at most four GETs through client-node's transport, whatever the object.
 * A pod: the pod, then its events (`fieldSelector=involvedObject.name=NAME`). A deployment: the
 * deployment, then in parallel its pods (`labelSelector` from its `matchLabels`, `limit`) and the
 * namespace's recent events (`limit`), kept when they are about the deployment, its ReplicaSets
 * or its pods. Secrets are never requested (the transport refuses them).
 */
export function createObjectReader(options: ObjectReaderOptions): ObjectReader {
	const timeoutMs = options.requestTimeoutMs ?? 10_000;
	return {
		async readObject(ref, readOptions) {
			if (!NAMESPACE.test(ref.namespace)) throw new ObjectReadError("bad-input", `"${ref.namespace}" is not a namespace name`);
			if (!NAME.test(ref.name)) throw new ObjectReadError("bad-input", `"${ref.name}" is not a ${ref.kind.toLowerCase()} name`);
			let loaded: ReturnType<typeof loadKubeConfig>;
			try {
				loaded = loadKubeConfig(options, readOptions?.cluster);
			} catch (error) {
				const code = (error as { code?: string }).code === "bad-context" ? "bad-context" : "bad-input";
				throw new ObjectReadError(code, error instanceof Error ? error.message : String(error));
			}
			const { kc, contextName, server } = loaded;
			const get = createKubeGet(kc, server, timeoutMs);
			const source = `context ${contextName} (${server})`;
			try {
				const object = await getObject(get, ref, source, timeoutMs);
				const [pods, events] = ref.kind === "Pod" ? [[object], await podEvents(get, ref)] : await deploymentParts(get, ref, object);
				return { ref, object, pods, events, source };
			} finally {
				await get.close();
			}
		},
	};
}

function objectPath(ref: ObjectRef): string {
	const ns = encodeURIComponent(ref.namespace);
	const name = encodeURIComponent(ref.name);
	return ref.kind === "Pod" ? `/api/v1/namespaces/${ns}/pods/${name}` : `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
}

async function getObject(get: KubeGet, ref: ObjectRef, source: string, timeoutMs: number): Promise<KubeObject> {
	let status: number;
	let body: unknown;
	try {
		({ status, body } = await get(objectPath(ref)));
	} catch (error) {
		throw transportError(error, source, timeoutMs);
	}
	const kind = ref.kind.toLowerCase();
	if (status === 200 && isObject(body)) return body;
	const said = statusMessage(body);
	if (status === 404) {
		throw new ObjectReadError(
			"not-found",
			`${kind} "${ref.name}" does not exist in namespace "${ref.namespace}" (${source}); list them with \`kubectl get ${kind}s -n ${ref.namespace}\``,
		);
	}
	if (status === 401)
		throw new ObjectReadError(
			"unauthorized",
			`the API server rejected the credentials of ${source} (401); log in again or refresh the token`,
		);
	if (status === 403) {
		throw new ObjectReadError(
			"forbidden",
			`${source} may not get ${kind}s in "${ref.namespace}" (403${said ? `: ${said}` : ""}); grant "get" on "${kind}s" (deploy/rbac-explain.yaml)`,
		);
	}
	throw new ObjectReadError(
		"unreachable",
		`the API server (${source}) answered HTTP ${status} for ${kind} "${ref.name}"${said ? `: ${said}` : ""}`,
	);
}

async function podEvents(get: KubeGet, ref: ObjectRef): Promise<ObjectEvent[]> {
	return listEvents(get, ref.namespace, { fieldSelector: `involvedObject.name=${ref.name}`, limit: String(MAX_EVENTS * 4) }, () => true);
}

async function deploymentParts(get: KubeGet, ref: ObjectRef, deployment: KubeObject): Promise<[KubeObject[], ObjectEvent[]]> {
	const matchLabels = ((deployment.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ??
		{}) as Record<string, string>;
	const selector = Object.entries(matchLabels)
		.map(([key, value]) => `${key}=${value}`)
		.join(",");
	const pods = selector === "" ? Promise.resolve([]) : listPods(get, ref.namespace, selector);
	const listed = await pods;
	const podNames = new Set(listed.map((pod) => pod.metadata.name));
	// A deployment's ReplicaSets are named after it: "<deployment>-<template hash>".
	const ours = (event: ObjectEvent) =>
		event.object.name === ref.name ||
		podNames.has(event.object.name) ||
		(event.object.kind === "ReplicaSet" && event.object.name.startsWith(`${ref.name}-`));
	const events = await listEvents(get, ref.namespace, { limit: "500" }, ours);
	return [listed, events];
}

async function listPods(get: KubeGet, namespace: string, labelSelector: string): Promise<KubeObject[]> {
	try {
		const { status, body } = await get(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, {
			labelSelector,
			limit: String(MAX_PODS),
		});
		if (status !== 200) return [];
		const items = (body as { items?: unknown } | undefined)?.items;
		return Array.isArray(items) ? items.filter(isObject) : [];
	} catch {
		return [];
	}
}

/** Events are context, not the answer: one the reader may not list, or that fails, is left out. */
async function listEvents(
	get: KubeGet,
	namespace: string,
	query: Readonly<Record<string, string>>,
	keep: (event: ObjectEvent) => boolean,
): Promise<ObjectEvent[]> {
	try {
		const { status, body } = await get(`/api/v1/namespaces/${encodeURIComponent(namespace)}/events`, query);
		if (status !== 200) return [];
		const items = (body as { items?: unknown } | undefined)?.items;
		return (Array.isArray(items) ? items : [])
			.map(toEvent)
			.filter((e): e is ObjectEvent => e !== undefined && keep(e))
			.sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""))
			.slice(0, MAX_EVENTS);
	} catch {
		return [];
	}
}

function toEvent(raw: unknown): ObjectEvent | undefined {
	if (!isRecord(raw)) return undefined;
	const involved = isRecord(raw.involvedObject) ? raw.involvedObject : {};
	const text = (value: unknown) => (typeof value === "string" ? value : "");
	const lastSeen =
		text(raw.lastTimestamp) ||
		text(raw.eventTime) ||
		text((raw.metadata as { creationTimestamp?: unknown } | undefined)?.creationTimestamp);
	return {
		type: text(raw.type) || "Normal",
		reason: text(raw.reason),
		message: text(raw.message).slice(0, 1_000),
		object: { kind: text(involved.kind), name: text(involved.name) },
		count: typeof raw.count === "number" ? raw.count : 1,
		...(lastSeen ? { lastSeen } : {}),
	};
}

function transportError(error: unknown, source: string, timeoutMs: number): ObjectReadError {
	if (!(error instanceof KubeTransportError))
		return new ObjectReadError("unreachable", error instanceof Error ? error.message : String(error));
	if (error.kind === "timeout") return new ObjectReadError("timeout", `the API server (${source}) did not answer within ${timeoutMs} ms`);
	if (error.kind === "credentials") return new ObjectReadError("unauthorized", `could not get credentials for ${source}: ${error.detail}`);
	return new ObjectReadError("unreachable", `cannot reach the API server (${source}): ${error.detail}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null;
}

function isObject(value: unknown): value is KubeObject {
	return isRecord(value) && isRecord(value.metadata) && typeof value.metadata.name === "string";
}
