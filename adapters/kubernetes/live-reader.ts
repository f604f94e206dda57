import { ClusterReadError, type ClusterReader } from "../../src/ports/cluster-reader.ts";
import { liveSnapshot } from "../../src/readiness/assemble-snapshot.ts";
import { KIND_PLAN } from "../../src/readiness/kind-plan.ts";
import { isNamespaceName, namespaceNameProblem } from "../../src/readiness/namespace-name.ts";
import type { ResourceList, SnapshotKind } from "../../src/readiness/snapshot.ts";
import { createKubeGet, type KubeGet, KubeTransportError } from "./kube-http.ts";
import { listAll, statusMessage } from "./list-all.ts";
import { type KubeConfigSource, loadKubeConfig } from "./load-kube-config.ts";
import { readOptionalKinds } from "./optional-kinds.ts";

export interface LiveReaderOptions extends KubeConfigSource {
	/** Deadline of each request, body included. Default 10 000 ms. */
	readonly requestTimeoutMs?: number;
	/** Items per list page (`limit`). Default 500, as kubectl. */
	readonly pageSize?: number;
}

/** The plan's built-in kinds, listed on every read. */
const BUILT_IN = KIND_PLAN.filter((spec) => !spec.crd);

/**
 * The live ClusterReader. Request plan for one namespace, independent of how many workloads it holds:
 * 1. GET the namespace (fails the whole read with a ClusterReadError when that is impossible);
 * 2. in parallel: the built-in kinds of the plan (src/readiness/kind-plan.ts: the namespaced
 *    lists, ClusterRoleBindings and ClusterRoles cluster-wide), and discovery (GET /apis, then one
 *    GET per served optional group) followed by the lists of the installed CRD kinds. Every list
 *    pages with `limit`/`continue`, so only kinds with more than `pageSize` items cost extra
 *    requests. Secrets are never requested. The core's assembler turns the lists into the snapshot.
 */
export function createLiveReader(options: LiveReaderOptions): ClusterReader {
	const timeoutMs = options.requestTimeoutMs ?? 10_000;
	const pageSize = options.pageSize ?? 500;
	return {
		async readNamespace(namespace, readOptions) {
			if (!isNamespaceName(namespace)) throw new ClusterReadError("bad-input", namespaceNameProblem(namespace));
			const { kc, contextName, server } = loadKubeConfig(options, readOptions?.cluster);
			const get = createKubeGet(kc, server, timeoutMs);
			try {
				const takenAt = new Date().toISOString();
				await checkNamespace(get, namespace, contextName, server, timeoutMs);
				const lists = await listNamespace(get, namespace, pageSize);
				return liveSnapshot({ namespace, source: `context ${contextName} (${server})`, takenAt, lists });
			} finally {
				await get.close();
			}
		},
	};
}

/** Every list of the plan at once; each one's outcome is recorded in its ResourceList. */
async function listNamespace(get: KubeGet, namespace: string, pageSize: number): Promise<Partial<Record<SnapshotKind, ResourceList>>> {
	const [builtIn, optional] = await Promise.all([
		Promise.all(
			BUILT_IN.map(async (spec) => {
				const target = {
					kind: spec.kind,
					group: spec.group,
					version: spec.versions[0] as string,
					plural: spec.plural,
					...(spec.scope === "namespace" ? { namespace } : {}),
				};
				return [spec.kind, await listAll(get, target, pageSize)] as const;
			}),
		),
		readOptionalKinds(get, namespace, pageSize),
	]);
	return { ...Object.fromEntries(builtIn), ...optional };
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
