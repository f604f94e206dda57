import type { KubeObject, ResourceList } from "../../src/readiness/snapshot.ts";
import { type KubeGet, KubeTransportError } from "./kube-http.ts";

export interface ListTarget {
	readonly kind: string;
	readonly group: string;
	readonly version: string;
	readonly plural: string;
	/** The namespace to list in; undefined lists cluster-wide (cluster-scoped or all namespaces). */
	readonly namespace?: string;
}

/** The API path of a collection; `namespace` only for namespaced lists. */
export function collectionPath(group: string, version: string, plural: string, namespace?: string): string {
	const root = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
	return namespace === undefined ? `${root}/${plural}` : `${root}/namespaces/${namespace}/${plural}`;
}

/**
 * Lists one collection page by page (`limit` + `continue`) and says what happened as a
 * ResourceList: a refused list is `forbidden`, a failed one `error`, an unserved one `absent`;
 * nothing here throws for a single list, so one bad kind never sinks the whole audit.
 */
export async function listAll(get: KubeGet, target: ListTarget, pageSize: number): Promise<ResourceList> {
	const path = collectionPath(target.group, target.version, target.plural, target.namespace);
	const apiVersion = target.group === "" ? target.version : `${target.group}/${target.version}`;
	let restarted = false;
	const items: KubeObject[] = [];
	let token: string | undefined;
	for (;;) {
		let response: Awaited<ReturnType<KubeGet>>;
		try {
			response = await get(path, token === undefined ? { limit: String(pageSize) } : { limit: String(pageSize), continue: token });
		} catch (error) {
			return { state: "error", items: [], reason: transportReason(target, error) };
		}
		const { status, body } = response;
		if (status === 410 && token !== undefined && !restarted) {
			// The continue token outlived the server's compaction window: the only consistent
			// answer is a fresh list from the start (what kubectl does too). Once.
			restarted = true;
			token = undefined;
			items.length = 0;
			continue;
		}
		if (status !== 200) return failed(target, status, body);
		const page = body as { items?: unknown; metadata?: { continue?: unknown } } | undefined;
		for (const raw of Array.isArray(page?.items) ? page.items : []) {
			const item = stamp(raw, apiVersion, target.kind);
			if (item) items.push(item);
		}
		const next = page?.metadata?.continue;
		if (typeof next !== "string" || next === "") return { state: "listed", items };
		token = next;
	}
}

/** Lists omit apiVersion and kind per item; the snapshot needs them on every object. */
function stamp(raw: unknown, apiVersion: string, kind: string): KubeObject | undefined {
	if (typeof raw !== "object" || raw === null) return undefined;
	const item = raw as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
	if (typeof item.metadata?.name !== "string") return undefined;
	item.apiVersion = apiVersion;
	item.kind = kind;
	return item as unknown as KubeObject;
}

function resourceName(target: ListTarget): string {
	return target.group === "" ? target.plural : `${target.plural}.${target.group}`;
}

function where(target: ListTarget): string {
	return target.namespace === undefined ? "cluster-wide" : `in namespace "${target.namespace}"`;
}

export function statusMessage(body: unknown): string | undefined {
	const message = (body as { message?: unknown } | undefined)?.message;
	return typeof message === "string" ? message : undefined;
}

function failed(target: ListTarget, status: number, body: unknown): ResourceList {
	const server = statusMessage(body);
	const said = server ? `: ${server}` : "";
	if (status === 403) {
		const binding =
			target.namespace === undefined
				? "a ClusterRole bound with a ClusterRoleBinding"
				: `a Role or ClusterRole bound in "${target.namespace}"`;
		return {
			state: "forbidden",
			items: [],
			reason:
				`list ${resourceName(target)} ${where(target)} was refused (403${said}). ` +
				`Grant verb "list" on resource "${target.plural}" in API group "${target.group}" through ${binding} ` +
				"(deploy/rbac.yaml has the rule).",
		};
	}
	if (status === 404) {
		return {
			state: "absent",
			items: [],
			reason: `this cluster does not serve ${resourceName(target)} ${target.group === "" ? target.version : `${target.group}/${target.version}`}`,
		};
	}
	return {
		state: "error",
		items: [],
		reason: `list ${resourceName(target)} ${where(target)} failed with HTTP ${status}${said}`,
	};
}

function transportReason(target: ListTarget, error: unknown): string {
	if (error instanceof KubeTransportError) {
		const what = error.kind === "timeout" ? "timed out" : "failed";
		return `list ${resourceName(target)} ${where(target)} ${what} (${error.detail})`;
	}
	return `list ${resourceName(target)} ${where(target)} failed (${error instanceof Error ? error.message : String(error)})`;
}
