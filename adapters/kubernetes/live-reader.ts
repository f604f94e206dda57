import { ClusterReadError, type ClusterReader } from "../../src/ports/cluster-reader.ts";
import type { NamespaceSnapshot, ResourceList, SnapshotKind } from "../../src/readiness/snapshot.ts";
import { createKubeGet, type KubeGet, KubeTransportError } from "./kube-http.ts";
import { listAll, statusMessage } from "./list-all.ts";
import { type KubeConfigSource, loadKubeConfig } from "./load-kube-config.ts";
import { readOptionalKinds } from "./optional-kinds.ts";
import { narrowClusterRbac } from "./rbac-reach.ts";
import { BUILT_IN_KINDS } from "./resource-plan.ts";

/** An RFC 1123 label, as the API server requires of namespace names. */
const NAMESPACE_NAME = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface LiveReaderOptions extends KubeConfigSource {
	/** Deadline of each request, body included. Default 10 000 ms. */
	readonly requestTimeoutMs?: number;
	/** Items per list page (`limit`). Default 500, as kubectl. */
	readonly pageSize?: number;
}

/**
 * The live ClusterReader. Request plan for one namespace, independent of how many workloads it holds:
 * 1. GET the namespace (fails the whole read with a ClusterReadError when that is impossible);
 * 2. in parallel: the 16 namespaced lists, the ClusterRoleBinding and ClusterRole lists, and
 *    discovery (GET /apis, then one GET per served optional group) followed by the lists of the
 *    installed optional kinds. Every list pages with `limit`/`continue`, so only kinds with more
 *    than `pageSize` items cost extra requests. Secrets are never requested.
 */
export function createLiveReader(options: LiveReaderOptions): ClusterReader {
	const timeoutMs = options.requestTimeoutMs ?? 10_000;
	const pageSize = options.pageSize ?? 500;
	return {
		async readNamespace(namespace, readOptions) {
			if (!NAMESPACE_NAME.test(namespace)) {
				throw new ClusterReadError(
					"bad-input",
					`"${namespace}" is not a namespace name (lowercase letters, digits and "-", at most 63 characters)`,
				);
			}
			const { kc, contextName, server } = loadKubeConfig(options, readOptions?.cluster);
			const get = createKubeGet(kc, server, timeoutMs);
			try {
				const takenAt = new Date().toISOString();
				await checkNamespace(get, namespace, contextName, server, timeoutMs);
				const resources = await listNamespace(get, namespace, pageSize);
				return { namespace, source: `context ${contextName} (${server})`, origin: "live", takenAt, resources };
			} finally {
				await get.close();
			}
		},
	};
}

/** Every list of the plan at once; each one's outcome is recorded in its ResourceList. */
async function listNamespace(get: KubeGet, namespace: string, pageSize: number): Promise<NamespaceSnapshot["resources"]> {
	const [builtIn, optional] = await Promise.all([
		Promise.all(
			BUILT_IN_KINDS.map(async (spec) => {
				const target = { ...spec, ...(spec.scope === "namespace" ? { namespace } : {}) };
				return [spec.kind, await listAll(get, target, pageSize)] as const;
			}),
		),
		readOptionalKinds(get, namespace, pageSize),
	]);
	const resources: Partial<Record<SnapshotKind, ResourceList>> = { ...Object.fromEntries(builtIn), ...optional };
	const empty: ResourceList = { state: "error", items: [], reason: "not read" };
	const narrowed = narrowClusterRbac(
		namespace,
		resources.ClusterRoleBinding ?? empty,
		resources.ClusterRole ?? empty,
		resources.RoleBinding ?? empty,
	);
	resources.ClusterRoleBinding = narrowed.clusterRoleBindings;
	resources.ClusterRole = narrowed.clusterRoles;
	return resources;
}

/** The one request whose failure ends the read: the namespace must exist and the server answer. */
async function checkNamespace(get: KubeGet, namespace: string, contextName: string, server: string, timeoutMs: number): Promise<void> {
	let status: number;
	let body: unknown;
	try {
		({ status, body } = await get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`));
	} catch (error) {
		if (!(error instanceof KubeTransportError)) throw error;
		if (error.kind === "timeout") {
			throw new ClusterReadError("timeout", `the API server at ${server} (context ${contextName}) did not answer within ${timeoutMs} ms`);
		}
		if (error.kind === "credentials") {
			throw new ClusterReadError("unauthorized", `could not get credentials for context ${contextName}: ${error.detail}`);
		}
		throw new ClusterReadError("unreachable", `cannot reach the API server at ${server} (context ${contextName}): ${error.detail}`);
	}
	if (status === 200) return;
	const said = statusMessage(body);
	if (status === 404) {
		throw new ClusterReadError(
			"namespace-not-found",
			`namespace "${namespace}" does not exist in context ${contextName} (${server}); list them with \`kubectl get namespaces --context ${contextName}\``,
		);
	}
	if (status === 401) {
		throw new ClusterReadError(
			"unauthorized",
			`the API server at ${server} rejected the credentials of context ${contextName} (401); log in again or refresh the token`,
		);
	}
	if (status === 403) {
		// Reading the namespace object is the bot's first, smallest permission: without it the
		// audit cannot tell a missing namespace from a hidden one.
		throw new ClusterReadError(
			"unauthorized",
			`context ${contextName} may not get namespace "${namespace}" (403${said ? `: ${said}` : ""}); grant "get" on "namespaces" (deploy/rbac.yaml)`,
		);
	}
	throw new ClusterReadError(
		"unreachable",
		`the API server at ${server} answered HTTP ${status} for namespace "${namespace}"${said ? `: ${said}` : ""}`,
	);
}
