import { KIND_PLAN, type KindSpec } from "../../src/readiness/kind-plan.ts";
import type { ResourceList, SnapshotKind } from "../../src/readiness/snapshot.ts";
import { type KubeGet, KubeTransportError } from "./kube-http.ts";
import { listAll, statusMessage } from "./list-all.ts";

type Lists = Partial<Record<SnapshotKind, ResourceList>>;

/** The plan's CRD-backed kinds: the checks read them only where their CRDs are installed. */
const OPTIONAL_KINDS = KIND_PLAN.filter((spec) => spec.crd);

interface ApiGroup {
	readonly name: string;
	readonly versions: readonly string[];
}

interface ApiResource {
	readonly name: string;
	readonly kind: string;
}

/**
 * Reads the CRD-backed kinds. Discovery costs one GET of `/apis` plus one GET of
 * `/apis/<group>/<version>` per optional group that is served (never one per kind): the group
 * list says which groups exist, and the group's resource list says which of its kinds are
 * installed (a cluster may have the ServiceMonitor CRD and not the PodMonitor one) and under
 * which plural. Kinds of groups that are not served are `absent`, with no request at all.
 */
export async function readOptionalKinds(get: KubeGet, namespace: string, pageSize: number): Promise<Lists> {
	const groups = await discoverGroups(get);
	if ("state" in groups) return fillAll(OPTIONAL_KINDS, groups);
	const byGroup = new Map<string, KindSpec[]>();
	for (const kind of OPTIONAL_KINDS) byGroup.set(kind.group, [...(byGroup.get(kind.group) ?? []), kind]);
	const parts = await Promise.all(
		[...byGroup].map(([group, kinds]) =>
			readGroup(
				get,
				namespace,
				pageSize,
				kinds,
				groups.find((g) => g.name === group),
			),
		),
	);
	return Object.assign({}, ...parts) as Lists;
}

async function readGroup(
	get: KubeGet,
	namespace: string,
	pageSize: number,
	kinds: readonly KindSpec[],
	served: ApiGroup | undefined,
): Promise<Lists> {
	const group = kinds[0]?.group ?? "";
	if (!served)
		return fillAll(kinds, { state: "absent", items: [], reason: `API group ${group} is not served (its CRDs are not installed)` });
	const known = kinds[0]?.versions ?? [];
	const version = known.find((v) => served.versions.includes(v));
	if (version === undefined) {
		const reason = `API group ${group} serves ${served.versions.join(", ")}; the checks understand ${known.join(", ")}`;
		return fillAll(kinds, { state: "absent", items: [], reason });
	}
	const resources = await discoverResources(get, group, version);
	if ("state" in resources) return fillAll(kinds, resources);
	const entries = await Promise.all(
		kinds.map(async (spec): Promise<[SnapshotKind, ResourceList]> => {
			const resource = resources.find((r) => r.kind === spec.kind && !r.name.includes("/"));
			if (!resource) {
				return [spec.kind, { state: "absent", items: [], reason: `${spec.kind} (${group}/${version}) is not installed` }];
			}
			const target = {
				kind: spec.kind,
				group,
				version,
				plural: resource.name,
				...(spec.scope === "namespace" ? { namespace } : {}),
			};
			// Lists across namespaces come whole; the snapshot assembler keeps what reaches the namespace.
			return [spec.kind, await listAll(get, target, pageSize)];
		}),
	);
	return Object.fromEntries(entries);
}

function fillAll(kinds: readonly KindSpec[], list: ResourceList): Lists {
	return Object.fromEntries(kinds.map((spec) => [spec.kind, list]));
}

async function discoverGroups(get: KubeGet): Promise<readonly ApiGroup[] | ResourceList> {
	const answer = await discover(get, "/apis");
	if (!("body" in answer)) return answer;
	const groups = (answer.body as { groups?: unknown } | undefined)?.groups;
	if (!Array.isArray(groups)) return { state: "error", items: [], reason: "GET /apis returned no group list" };
	return groups.map((g: { name?: unknown; versions?: unknown }) => ({
		name: typeof g.name === "string" ? g.name : "",
		versions: Array.isArray(g.versions)
			? g.versions.map((v: { version?: unknown }) => (typeof v.version === "string" ? v.version : ""))
			: [],
	}));
}

async function discoverResources(get: KubeGet, group: string, version: string): Promise<readonly ApiResource[] | ResourceList> {
	const answer = await discover(get, `/apis/${group}/${version}`);
	if (!("body" in answer)) return answer;
	const resources = (answer.body as { resources?: unknown } | undefined)?.resources;
	if (!Array.isArray(resources)) return { state: "absent", items: [], reason: `${group}/${version} lists no resources` };
	return resources.map((r: { name?: unknown; kind?: unknown }) => ({
		name: typeof r.name === "string" ? r.name : "",
		kind: typeof r.kind === "string" ? r.kind : "",
	}));
}

/** One discovery GET; anything but a 200 becomes the ResourceList every kind behind it gets. */
async function discover(get: KubeGet, path: string): Promise<{ body: unknown } | ResourceList> {
	try {
		const { status, body } = await get(path);
		if (status === 200) return { body };
		const said = statusMessage(body);
		if (status === 404) return { state: "absent", items: [], reason: `GET ${path}: not served` };
		if (status === 403) {
			return {
				state: "forbidden",
				items: [],
				reason: `discovery GET ${path} was refused (403${said ? `: ${said}` : ""}). Grant "get" on nonResourceURL ${path} (deploy/rbac.yaml has it; clusters also grant it through system:discovery).`,
			};
		}
		return { state: "error", items: [], reason: `discovery GET ${path} failed with HTTP ${status}${said ? `: ${said}` : ""}` };
	} catch (error) {
		const detail = error instanceof KubeTransportError ? error.detail : String(error);
		return { state: "error", items: [], reason: `discovery GET ${path} failed (${detail})` };
	}
}
