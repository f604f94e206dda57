import { monitorReaches, ruleMentions, scheduleCovers, targets } from "../../src/readiness/reach.ts";
import type { KubeObject, SnapshotKind } from "../../src/readiness/snapshot.ts";

/** A built-in kind the reader always lists. Secrets are deliberately not in this table. */
export interface BuiltInKind {
	readonly kind: SnapshotKind;
	/** "" for the core group. */
	readonly group: string;
	readonly version: string;
	readonly plural: string;
	/** `namespace`: listed in the audited namespace; `cluster`: a cluster-scoped list. */
	readonly scope: "namespace" | "cluster";
}

const ns = (kind: SnapshotKind, group: string, version: string, plural: string): BuiltInKind => ({
	kind,
	group,
	version,
	plural,
	scope: "namespace",
});

export const BUILT_IN_KINDS: readonly BuiltInKind[] = [
	ns("Pod", "", "v1", "pods"),
	ns("Deployment", "apps", "v1", "deployments"),
	ns("StatefulSet", "apps", "v1", "statefulsets"),
	ns("DaemonSet", "apps", "v1", "daemonsets"),
	ns("ReplicaSet", "apps", "v1", "replicasets"),
	ns("Job", "batch", "v1", "jobs"),
	ns("CronJob", "batch", "v1", "cronjobs"),
	ns("Service", "", "v1", "services"),
	ns("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets"),
	ns("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies"),
	ns("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers"),
	ns("ServiceAccount", "", "v1", "serviceaccounts"),
	ns("Role", "rbac.authorization.k8s.io", "v1", "roles"),
	ns("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings"),
	ns("LimitRange", "", "v1", "limitranges"),
	ns("ResourceQuota", "", "v1", "resourcequotas"),
	// Cluster-scoped RBAC: a ClusterRoleBinding to a namespace's service account is invisible from
	// inside the namespace (Polaris's namespace mode misses it). Both are listed, not fetched by
	// name: two parallel lists cost one round trip and a fixed number of requests, while GETs by
	// name would need a second round after the bindings and grow with the number of bindings. The
	// RBAC footprint is the same (cluster-wide read of cluster roles, which hold no secret data).
	{ kind: "ClusterRoleBinding", group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterrolebindings", scope: "cluster" },
	{ kind: "ClusterRole", group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterroles", scope: "cluster" },
];

/**
 * A kind served only when its CRD is installed, found through discovery.
 * `scope`:
 * - `namespace`: listed in the audited namespace;
 * - `cluster`: a cluster-scoped kind (policy engines), listed whole;
 * - `all-namespaces`: usually lives elsewhere (argocd, flux-system, monitoring, velero) and points
 *   at the audited namespace; listed across namespaces and kept by `keep`.
 */
export interface OptionalKind {
	readonly kind: SnapshotKind;
	readonly group: string;
	/** Versions whose shape the checks understand, preferred first. */
	readonly versions: readonly string[];
	readonly scope: "namespace" | "cluster" | "all-namespaces";
	/** Plural used for RBAC (deploy/rbac.yaml); the reader itself takes the plural from discovery. */
	readonly plural: string;
	readonly keep?: (item: KubeObject, namespace: string) => boolean;
}

export const OPTIONAL_KINDS: readonly OptionalKind[] = [
	{
		kind: "ServiceMonitor",
		group: "monitoring.coreos.com",
		versions: ["v1"],
		scope: "all-namespaces",
		plural: "servicemonitors",
		keep: monitorReaches,
	},
	{
		kind: "PodMonitor",
		group: "monitoring.coreos.com",
		versions: ["v1"],
		scope: "all-namespaces",
		plural: "podmonitors",
		keep: monitorReaches,
	},
	{
		kind: "PrometheusRule",
		group: "monitoring.coreos.com",
		versions: ["v1"],
		scope: "all-namespaces",
		plural: "prometheusrules",
		keep: ruleMentions,
	},
	{
		kind: "VulnerabilityReport",
		group: "aquasecurity.github.io",
		versions: ["v1alpha1"],
		scope: "namespace",
		plural: "vulnerabilityreports",
	},
	{
		kind: "Application",
		group: "argoproj.io",
		versions: ["v1alpha1"],
		scope: "all-namespaces",
		plural: "applications",
		keep: targets("spec", "destination", "namespace"),
	},
	{
		kind: "Kustomization",
		group: "kustomize.toolkit.fluxcd.io",
		versions: ["v1", "v1beta2"],
		scope: "all-namespaces",
		plural: "kustomizations",
		keep: targets("spec", "targetNamespace"),
	},
	{
		kind: "HelmRelease",
		group: "helm.toolkit.fluxcd.io",
		versions: ["v2", "v2beta2", "v2beta1"],
		scope: "all-namespaces",
		plural: "helmreleases",
		keep: targets("spec", "targetNamespace"),
	},
	{ kind: "ClusterPolicy", group: "kyverno.io", versions: ["v1"], scope: "cluster", plural: "clusterpolicies" },
	{ kind: "Policy", group: "kyverno.io", versions: ["v1"], scope: "namespace", plural: "policies" },
	{
		kind: "ConstraintTemplate",
		group: "templates.gatekeeper.sh",
		versions: ["v1", "v1beta1"],
		scope: "cluster",
		plural: "constrainttemplates",
	},
	{ kind: "Schedule", group: "velero.io", versions: ["v1"], scope: "all-namespaces", plural: "schedules", keep: scheduleCovers },
];

/** The API path of a collection; `namespace` only for namespaced lists. */
export function collectionPath(group: string, version: string, plural: string, namespace?: string): string {
	const root = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
	return namespace === undefined ? `${root}/${plural}` : `${root}/namespaces/${namespace}/${plural}`;
}
