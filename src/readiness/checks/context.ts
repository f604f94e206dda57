import type { KubeObject, NamespaceSnapshot, ResourceList, SnapshotKind } from "../snapshot.ts";
import { isEmptySelector, type LabelSelector, matchesSelector, requiredPairs, serviceSelects } from "./selector.ts";
import type { Workload } from "./types.ts";
import { type Invalid, objectProblem } from "./validity.ts";
import { resolveWorkloads } from "./workloads.ts";

export interface EvaluationOptions {
	/** Whether a missing CPU limit fails (the checklist's reading) or only warns (the throttling camp). */
	readonly cpuLimit: "require" | "warn";
	/** Clock for exemption expiry. */
	readonly now: Date;
}

/**
 * Everything evaluators read, indexed once: workloads by pod label, and for each selecting
 * object (Service, PDB, NetworkPolicy, PodMonitor) the workloads it selects. Selection is computed
 * per selector against the candidates of its most selective label, never pods × workloads.
 */
export interface EvaluationContext {
	readonly snapshot: NamespaceSnapshot;
	readonly options: EvaluationOptions;
	readonly workloads: readonly Workload[];
	list(kind: SnapshotKind): ResourceList;
	/** Objects of `kind` whose selector selects the workload's pods. */
	selecting(kind: SelectingKind, workload: Workload): readonly KubeObject[];
	/** Workloads an object selects (for "selects nothing" findings). */
	selectedBy(kind: SelectingKind, object: KubeObject): readonly Workload[];
	/** Services selected by a ServiceMonitor. */
	servicesOf(serviceMonitor: KubeObject): readonly KubeObject[];
	/** Objects the API would refuse (invalid selectors): they select nothing and are reported. */
	readonly invalid: readonly Invalid[];
	/** Values computed once per evaluation by `once()`; evaluators never read it directly. */
	readonly cache: Map<string, unknown>;
}

export type SelectingKind = "Service" | "PodDisruptionBudget" | "NetworkPolicy" | "PodMonitor";

// A kind the reader never filled in (only hand-built snapshots do that) is unseen, never empty.
const NOT_READ: ResourceList = { state: "error", items: [], reason: "it was not read" };

const VALIDATED: readonly SnapshotKind[] = [
	"Pod",
	"Job",
	"CronJob",
	"PodDisruptionBudget",
	"NetworkPolicy",
	"ServiceMonitor",
	"PodMonitor",
	"Service",
	"Deployment",
	"StatefulSet",
	"DaemonSet",
	"ReplicaSet",
	"ReplicationController",
	"Rollout",
	"DeploymentConfig",
];

export function buildContext(snapshot: NamespaceSnapshot, options: EvaluationOptions): EvaluationContext {
	const workloads = resolveWorkloads(snapshot);
	const byPair = new Map<string, Workload[]>();
	for (const workload of workloads) {
		for (const [key, value] of Object.entries(workload.podLabels)) {
			const pair = `${key}=${value}`;
			const bucket = byPair.get(pair);
			if (bucket === undefined) byPair.set(pair, [workload]);
			else bucket.push(workload);
		}
	}
	const list = (kind: SnapshotKind): ResourceList => snapshot.resources[kind] ?? NOT_READ;
	const invalid: Invalid[] = [];
	const refused = new Set<KubeObject>();
	for (const kind of VALIDATED) {
		for (const object of list(kind).items) {
			const problem = objectProblem(object);
			if (problem === undefined) continue;
			invalid.push({ object, problem });
			refused.add(object);
		}
	}

	const candidates = (selector: LabelSelector): readonly Workload[] => {
		let best: readonly Workload[] = workloads;
		for (const pair of requiredPairs(selector)) {
			const bucket = byPair.get(pair) ?? [];
			if (bucket.length < best.length) best = bucket;
		}
		return best;
	};

	const selects = (kind: SelectingKind, object: KubeObject): readonly Workload[] => {
		// An object the API would refuse never exists in the cluster: it selects nothing.
		if (refused.has(object)) return [];
		const spec = (object.spec ?? {}) as {
			selector?: LabelSelector & Record<string, string>;
			podSelector?: LabelSelector;
		};
		if (kind === "Service") {
			const selector = spec.selector as Record<string, string> | undefined;
			if (selector === undefined) return [];
			return candidates({ matchLabels: selector }).filter((w) => serviceSelects(selector, w.podLabels));
		}
		// Like a ServiceMonitor, a PodMonitor without a namespaceSelector looks in its own namespace.
		if (kind === "PodMonitor" && !monitorReachesAudited(object)) return [];
		// policy/v1beta1 PDBs treated an empty selector as selecting nothing; policy/v1 selects all.
		const emptyMeans = kind === "PodDisruptionBudget" && object.apiVersion === "policy/v1beta1" ? "none" : "all";
		// NetworkPolicy.podSelector is required; an object without it is read as `{}` as kubectl does.
		const selector = kind === "NetworkPolicy" ? (spec.podSelector ?? {}) : spec.selector;
		if (selector === undefined || selector === null) return [];
		if (isEmptySelector(selector)) return emptyMeans === "all" ? workloads : [];
		return candidates(selector).filter((w) => matchesSelector(selector, w.podLabels, emptyMeans));
	};

	const monitorReachesAudited = (monitor: KubeObject): boolean => {
		const ns = (monitor.spec as { namespaceSelector?: { any?: boolean; matchNames?: readonly string[] } } | undefined)?.namespaceSelector;
		if (ns?.any === true) return true;
		if (ns?.matchNames !== undefined && ns.matchNames.length > 0) return ns.matchNames.includes(snapshot.namespace);
		return (monitor.metadata.namespace ?? snapshot.namespace) === snapshot.namespace;
	};

	const forward = new Map<SelectingKind, Map<KubeObject, readonly Workload[]>>();
	const backward = new Map<SelectingKind, Map<Workload, KubeObject[]>>();
	for (const kind of ["Service", "PodDisruptionBudget", "NetworkPolicy", "PodMonitor"] as const) {
		const f = new Map<KubeObject, readonly Workload[]>();
		const b = new Map<Workload, KubeObject[]>();
		for (const object of list(kind).items) {
			const selected = selects(kind, object);
			f.set(object, selected);
			for (const workload of selected) {
				const objects = b.get(workload);
				if (objects === undefined) b.set(workload, [object]);
				else objects.push(object);
			}
		}
		forward.set(kind, f);
		backward.set(kind, b);
	}

	const servicesByMonitor = new Map<KubeObject, readonly KubeObject[]>();
	const services = list("Service").items;
	const servicesByPair = new Map<string, KubeObject[]>();
	for (const service of services) {
		const labels = service.metadata.labels ?? {};
		for (const key in labels) {
			const pair = `${key}=${labels[key]}`;
			const bucket = servicesByPair.get(pair);
			if (bucket === undefined) servicesByPair.set(pair, [service]);
			else bucket.push(service);
		}
	}
	const serviceCandidates = (selector: LabelSelector): readonly KubeObject[] => {
		let best: readonly KubeObject[] = services;
		for (const pair of requiredPairs(selector)) {
			const bucket = servicesByPair.get(pair) ?? [];
			if (bucket.length < best.length) best = bucket;
		}
		return best;
	};
	for (const monitor of list("ServiceMonitor").items) {
		const spec = (monitor.spec ?? {}) as {
			selector?: LabelSelector;
			namespaceSelector?: { any?: boolean; matchNames?: readonly string[] };
		};
		// Without a namespaceSelector a ServiceMonitor looks in its own namespace only.
		const reaches = monitorReachesAudited(monitor);
		servicesByMonitor.set(
			monitor,
			reaches && !refused.has(monitor)
				? serviceCandidates(spec.selector ?? {}).filter((s) => matchesSelector(spec.selector ?? {}, s.metadata.labels ?? {}, "all"))
				: [],
		);
	}

	return {
		snapshot,
		options,
		workloads,
		list,
		selecting: (kind, workload) => backward.get(kind)?.get(workload) ?? [],
		selectedBy: (kind, object) => forward.get(kind)?.get(object) ?? [],
		servicesOf: (monitor) => servicesByMonitor.get(monitor) ?? [],
		invalid,
		cache: new Map(),
	};
}
