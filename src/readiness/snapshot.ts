/**
 * A namespace snapshot: plain data, the same whether it was read from a live cluster or from
 * manifest files. Checks are pure functions over it. Objects keep the API's JSON shape.
 */

/** Every kind a reader may fill in. Optional kinds come from CRDs found through discovery. */
export const SNAPSHOT_KINDS = [
	"Pod",
	"Deployment",
	"StatefulSet",
	"DaemonSet",
	"ReplicaSet",
	"Job",
	"CronJob",
	"Service",
	"PodDisruptionBudget",
	"NetworkPolicy",
	"HorizontalPodAutoscaler",
	"ServiceAccount",
	"Role",
	"RoleBinding",
	"ClusterRole",
	"ClusterRoleBinding",
	"LimitRange",
	"ResourceQuota",
	"ServiceMonitor",
	"PodMonitor",
	"PrometheusRule",
	"VulnerabilityReport",
	"Application",
	"Kustomization",
	"HelmRelease",
	"ClusterPolicy",
	"Policy",
	"ConstraintTemplate",
	"Schedule",
] as const;

export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

export interface ObjectMeta {
	readonly name: string;
	readonly namespace?: string;
	readonly uid?: string;
	readonly labels?: Readonly<Record<string, string>>;
	readonly annotations?: Readonly<Record<string, string>>;
	readonly ownerReferences?: readonly {
		readonly apiVersion: string;
		readonly kind: string;
		readonly name: string;
		readonly uid?: string;
		readonly controller?: boolean;
	}[];
	readonly creationTimestamp?: string;
}

/** A Kubernetes object as the API returns it; evaluators narrow `spec` and `status` themselves. */
export interface KubeObject {
	readonly apiVersion: string;
	readonly kind: string;
	readonly metadata: ObjectMeta;
	readonly spec?: unknown;
	readonly status?: unknown;
	readonly [field: string]: unknown;
}

/**
 * What a reader knows about one kind:
 * - `listed`: the items are all there are (possibly none);
 * - `absent`: the cluster does not serve this kind (its CRD is not installed);
 * - `not-provided`: manifest files simply did not include it (no claim either way);
 * - `forbidden`: the API refused the list (403): checks that need it are `unknown`;
 * - `error`: the list failed for another reason (timeout, 5xx): also `unknown`.
 */
export interface ResourceList {
	readonly state: "listed" | "absent" | "not-provided" | "forbidden" | "error";
	readonly items: readonly KubeObject[];
	/** Why the list is not `listed`, in words a user can act on. */
	readonly reason?: string;
}

export interface NamespaceSnapshot {
	readonly namespace: string;
	/** Where it came from, for the report header: "context prod-eu (https://...)" or "files: a.yaml, b.yaml". */
	readonly source: string;
	readonly origin: "live" | "files";
	/** ISO time the snapshot was taken. */
	readonly takenAt: string;
	readonly resources: Readonly<Partial<Record<SnapshotKind, ResourceList>>>;
	/**
	 * Where each object was read from, keyed `Kind/name` (files only), so that SARIF results
	 * point at the manifest line. Live snapshots leave it out.
	 */
	readonly locations?: Readonly<Record<string, SourceLocation>>;
}

export interface SourceLocation {
	/** Path as given on the command line or found under a folder given there. */
	readonly file: string;
	/** 1-based line of the object's first line. */
	readonly line: number;
}
