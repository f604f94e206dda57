import { applyApiDefaults } from "./api-defaults.ts";
import { type LabelSelector, matchesSelector } from "./checks/selector.ts";
import { KIND_PLAN, type KindSpec, specOf } from "./kind-plan.ts";
import { bindingNamespaceOf, namedAccountNamespaces, subjectAccount, subjectsOf } from "./rbac-subjects.ts";
import type { KubeObject, NamespaceSnapshot, ResourceList, SnapshotKind, SourceLocation } from "./snapshot.ts";

/**
 * Where a live read and a manifest read meet: both hand over raw objects per kind, and this
 * builds the one snapshot the checks judge. It applies the API server's defaults, keeps the
 * objects from other namespaces (monitors, Velero schedules) and the cluster-wide RBAC that
 * concern the audited namespace, and says what each kind's absence means in the reader's mode.
 */

export interface LiveRead {
	readonly namespace: string;
	readonly source: string;
	readonly takenAt: string;
	/** What each kind's list came back with; a kind of the plan missing here counts as a failed list. */
	readonly lists: Readonly<Partial<Record<SnapshotKind, ResourceList>>>;
}

export function liveSnapshot(read: LiveRead): NamespaceSnapshot {
	const resources: Partial<Record<SnapshotKind, ResourceList>> = {};
	for (const spec of KIND_PLAN) {
		const list = read.lists[spec.kind] ?? { state: "error", items: [], reason: `${spec.kind} was not read` };
		for (const item of list.items) applyApiDefaults(item);
		resources[spec.kind] = spec.reaches === undefined ? list : { ...list, items: kept(spec, list.items, read.namespace) };
	}
	narrowClusterRoles(resources, read.namespace);
	return { namespace: read.namespace, source: read.source, origin: "live", takenAt: read.takenAt, resources };
}

export interface FileObject {
	readonly object: KubeObject;
	readonly location: SourceLocation;
}

export interface FileRead {
	readonly objects: readonly FileObject[];
	/** `desired`: the files are the whole desired state; `partial` (`--partial`): a slice of it. */
	readonly reading: "desired" | "partial";
	readonly source: string;
	readonly takenAt: string;
	/** Namespace of objects that name none (kubectl's -n); default: the one namespace the files name, else "default". */
	readonly defaultNamespace?: string;
}

/** Cluster-scoped kinds outside the plan, so that they are not mistaken for objects of the default namespace. */
const CLUSTER_SCOPED_OTHERS = new Set([
	"Namespace",
	"Node",
	"PersistentVolume",
	"StorageClass",
	"CustomResourceDefinition",
	"PriorityClass",
	"IngressClass",
	"RuntimeClass",
	"CSIDriver",
	"APIService",
	"ValidatingWebhookConfiguration",
	"MutatingWebhookConfiguration",
	"ValidatingAdmissionPolicy",
	"ValidatingAdmissionPolicyBinding",
	"PodSecurityPolicy",
	"ClusterIssuer",
]);

interface Sorted {
	readonly spec: KindSpec | undefined;
	readonly object: KubeObject;
	readonly location: SourceLocation;
	/** Its namespace, or undefined for cluster-scoped objects. */
	readonly namespace: string | undefined;
}

/**
 * One snapshot per namespace the files hold, sorted by name. Objects that name no namespace join
 * the one the files name (or `defaultNamespace`, else "default"); cluster-scoped ones go to every
 * namespace they concern.
 */
export function fileSnapshots(read: FileRead): NamespaceSnapshot[] {
	const named = new Set<string>();
	for (const { object } of read.objects) {
		const own = object.metadata.namespace;
		if (own !== undefined && own !== "" && !isClusterScoped(object)) named.add(own);
		if (object.kind === "Namespace" && object.apiVersion === "v1") named.add(object.metadata.name);
	}
	const fallback = read.defaultNamespace ?? (named.size === 1 ? ([...named][0] as string) : "default");
	const sorted: Sorted[] = read.objects.map(({ object, location }) => {
		const spec = specOf(object.apiVersion, object.kind);
		applyApiDefaults(object);
		if (isClusterScoped(object)) return { spec, object, location, namespace: undefined };
		const own = object.metadata.namespace;
		if (own !== undefined && own !== "") return { spec, object, location, namespace: own };
		// Placed as kubectl places it, so bindings and selectors compare namespaces as they will be.
		const placed = { ...object, metadata: { ...object.metadata, namespace: fallback } };
		return { spec, object: placed, location, namespace: fallback };
	});

	const groups = new Set<string>();
	for (const entry of sorted) {
		if (entry.namespace !== undefined) groups.add(entry.namespace);
		else if (entry.object.kind === "ClusterRoleBinding") for (const ns of namedAccountNamespaces(entry.object)) groups.add(ns);
		else if (entry.object.kind === "Namespace") groups.add(entry.object.metadata.name);
	}
	if (groups.size === 0) groups.add(fallback);
	const present = new Set(sorted.flatMap((entry) => (entry.spec === undefined ? [] : [entry.spec.kind])));
	const order = [...groups].sort();
	// Cluster-scoped objects of other kinds are listed once, with the first namespace.
	const homeOfOthers = groups.has(fallback) ? fallback : (order[0] as string);
	return order.map((namespace) => groupSnapshot(namespace, sorted, present, read, namespace === homeOfOthers));
}

function groupSnapshot(
	namespace: string,
	sorted: readonly Sorted[],
	present: ReadonlySet<SnapshotKind>,
	read: FileRead,
	keepClusterOthers: boolean,
): NamespaceSnapshot {
	const byKind = new Map<SnapshotKind, Map<string, KubeObject>>();
	const locations: Record<string, SourceLocation> = {};
	const others: KubeObject[] = [];
	for (const { spec, object, location, namespace: own } of sorted) {
		if (spec === undefined) {
			if (own === namespace || (own === undefined && keepClusterOthers)) {
				others.push(object.kind === "Secret" && object.apiVersion === "v1" ? secretStub(object) : object);
				locations[`${object.kind}/${object.metadata.name}`] = location;
			}
			continue;
		}
		const concerns =
			own === namespace || own === undefined || (spec.scope === "all-namespaces" && spec.reaches?.(object, namespace) === true);
		if (!concerns) continue;
		let objects = byKind.get(spec.kind);
		if (objects === undefined) {
			objects = new Map();
			byKind.set(spec.kind, objects);
		}
		// Applied in order, a later object of the same name replaces the earlier one.
		const key = `${own ?? ""}/${object.metadata.name}`;
		objects.delete(key);
		objects.set(key, object);
		locations[`${spec.kind}/${object.metadata.name}`] = location;
	}
	const resources: Partial<Record<SnapshotKind, ResourceList>> = {};
	for (const spec of KIND_PLAN) {
		const items = [...(byKind.get(spec.kind)?.values() ?? [])];
		resources[spec.kind] = {
			...absence(spec, present.has(spec.kind), read.reading),
			items: spec.reaches === undefined ? items : kept(spec, items, namespace),
		};
	}
	narrowClusterRoles(resources, namespace);
	return {
		namespace,
		source: read.source,
		origin: "files",
		reading: read.reading,
		takenAt: read.takenAt,
		resources,
		others,
		locations,
	};
}

/** What it means that the files hold no object of a kind. */
function absence(spec: KindSpec, inFiles: boolean, reading: FileRead["reading"]): Omit<ResourceList, "items"> {
	if (inFiles) return { state: "listed" };
	if (spec.liveEvidence === true) return { state: "live-only", reason: `${spec.kind} objects exist only in a running cluster` };
	if (reading === "partial") return { state: "not-in-files", reason: `the files hold no ${spec.kind} and were read with --partial` };
	return { state: "listed" };
}

function isClusterScoped(object: KubeObject): boolean {
	const spec = specOf(object.apiVersion, object.kind);
	if (spec !== undefined) return spec.scope === "cluster";
	return CLUSTER_SCOPED_OTHERS.has(object.kind);
}

function secretStub(secret: KubeObject): KubeObject {
	// A Secret's data never leaves the reader: only its name is kept, for the not-judged list.
	const { name, namespace } = secret.metadata;
	return { apiVersion: secret.apiVersion, kind: secret.kind, metadata: namespace === undefined ? { name } : { name, namespace } };
}

function kept(spec: KindSpec, items: readonly KubeObject[], namespace: string): readonly KubeObject[] {
	const reaches = spec.reaches;
	if (reaches === undefined) return items;
	return items.filter((item) => item.metadata.namespace === namespace || reaches(item, namespace));
}

/**
 * Of all ClusterRoles, those a binding reaching the namespace names, and the ones they aggregate
 * (whose rules the aggregation controller copies into them; files leave them empty).
 */
function narrowClusterRoles(resources: Partial<Record<SnapshotKind, ResourceList>>, namespace: string): void {
	const roles = resources.ClusterRole;
	if (roles === undefined || roles.items.length === 0) return;
	const wanted = new Set<string>();
	for (const kind of ["RoleBinding", "ClusterRoleBinding"] as const) {
		for (const binding of resources[kind]?.items ?? []) {
			const roleRef = (binding as { roleRef?: { kind?: unknown; name?: unknown } }).roleRef;
			if (roleRef?.kind !== "ClusterRole" || typeof roleRef.name !== "string") continue;
			const own = bindingNamespaceOf(binding);
			if (subjectsOf(binding).some((s) => subjectAccount(s, namespace, own) !== undefined)) wanted.add(roleRef.name);
		}
	}
	const byName = new Map(roles.items.map((role) => [role.metadata.name, role]));
	const queue = [...wanted];
	while (queue.length > 0) {
		const role = byName.get(queue.pop() as string);
		const selectors = (role as { aggregationRule?: { clusterRoleSelectors?: unknown } } | undefined)?.aggregationRule?.clusterRoleSelectors;
		if (!Array.isArray(selectors)) continue;
		for (const other of roles.items) {
			if (wanted.has(other.metadata.name)) continue;
			const labels = other.metadata.labels ?? {};
			const matched = selectors.some((selector: LabelSelector) => matchesSelector(selector, labels, "all"));
			if (matched) {
				wanted.add(other.metadata.name);
				queue.push(other.metadata.name);
			}
		}
	}
	resources.ClusterRole = { ...roles, items: roles.items.filter((role) => wanted.has(role.metadata.name)) };
}
