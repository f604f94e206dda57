/**
 * A namespace snapshot: plain data, the same whether it was read from a live cluster or from
 * manifest files (both meet in src/readiness/assemble-snapshot.ts). Checks are pure functions
 * over it. Objects keep the API's JSON shape, with the API server's defaults applied.
 */

/** Every kind a reader may fill in; src/readiness/kind-plan.ts says where each one comes from. */
export const SNAPSHOT_KINDS = [
	"Pod",
	"Deployment",
	"StatefulSet",
	"DaemonSet",
	"ReplicaSet",
	"ReplicationController",
	"Job",
	"CronJob",
	"Rollout",
	"DeploymentConfig",
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
 * - `listed`: the items are all there are (possibly none). Manifest files are the desired state:
 *   a kind they do not hold is listed empty;
 * - `absent`: the cluster does not serve this kind (its CRD is not installed): none exist;
 * - `forbidden`: the API refused the list (403): checks that need it are `unknown`;
 * - `error`: the list failed for another reason (timeout, 5xx): also `unknown`;
 * - `not-in-files`: read with `--partial`, the files are a slice of a larger whole and hold none
 *   of this kind: no claim either way, so `unknown`;
 * - `live-only`: evidence only a running cluster has (in-cluster scan reports), not in the files:
 *   checks that need it are `n/a` in manifest mode.
 */
export interface ResourceList {
	readonly state: "listed" | "absent" | "forbidden" | "error" | "not-in-files" | "live-only";
	readonly items: readonly KubeObject[];
	/** Why the list is not `listed`, in words a user can act on. */
	readonly reason?: string;
}

export interface NamespaceSnapshot {
	readonly namespace: string;
	/** Where it came from, for the report header: "context prod-eu (https://...)" or "files: a.yaml, b.yaml". */
	readonly source: string;
	readonly origin: "live" | "files";
	/** Files only: `desired` (the files are the whole desired state) or `partial` (`--partial`: a slice). */
	readonly reading?: "desired" | "partial";
	/** ISO time the snapshot was taken. */
	readonly takenAt: string;
	readonly resources: Readonly<Partial<Record<SnapshotKind, ResourceList>>>;
	/**
	 * Files only: objects of kinds outside the plan (ConfigMaps, Ingresses, custom resources).
	 * Those with a pod template are judged as workloads; the others are listed as not judged.
	 * Secrets are kept by name only.
	 */
	readonly others?: readonly KubeObject[];
	/**
	 * Where each object was read from, keyed `Kind/name` (files only), so that findings point at
	 * the manifest line. Live snapshots leave it out.
	 */
	readonly locations?: Readonly<Record<string, SourceLocation>>;
}

export interface SourceLocation {
	/** Path as given on the command line or found under a folder given there. */
	readonly file: string;
	/** 1-based line of the object's first line. */
	readonly line: number;
}

/** A file a manifest read passed over, and why (a kustomization, a chart's values, an application config). */
export interface SkippedFile {
	readonly file: string;
	readonly reason: string;
}
