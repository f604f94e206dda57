import { bindingReaches } from "./rbac-subjects.ts";
import { monitorReaches, type Reaches, ruleMentions, scheduleCovers, targets } from "./reach.ts";
import type { SnapshotKind } from "./snapshot.ts";

/**
 * The one plan of kinds: which kinds the checks read, their API group, versions and plural, how
 * they reach an audited namespace, and what a manifest read makes of them. The live reader lists
 * by it, the manifest reader sorts file objects by it, deploy/rbac.yaml grants it (a test holds
 * the three in step).
 */
export interface KindSpec {
	readonly kind: SnapshotKind;
	/** "" for the core group. */
	readonly group: string;
	/** Versions whose shape the checks understand, preferred first; the live reader lists the first one served. */
	readonly versions: readonly string[];
	/** Older groups manifests still carry the kind under (extensions/v1beta1 Deployments); never listed live. */
	readonly legacyGroups?: readonly string[];
	readonly plural: string;
	/**
	 * - `namespace`: lives in the audited namespace;
	 * - `cluster`: cluster-scoped (RBAC, policy engines), narrowed by `reaches` where given;
	 * - `all-namespaces`: usually lives elsewhere (monitoring, argocd, velero) and points at the
	 *   audited namespace; `reaches` keeps the objects that do.
	 */
	readonly scope: "namespace" | "cluster" | "all-namespaces";
	/** Served only when its CRD is installed: the live reader finds it through discovery. */
	readonly crd: boolean;
	readonly reaches?: Reaches;
	/** Evidence only a running cluster has; in manifest mode the checks that need it are `n/a`. */
	readonly liveEvidence?: boolean;
}

const ns = (kind: SnapshotKind, group: string, version: string, plural: string, extra: Partial<KindSpec> = {}): KindSpec => ({
	kind,
	group,
	versions: [version],
	plural,
	scope: "namespace",
	crd: false,
	...extra,
});

const crd = (kind: SnapshotKind, group: string, versions: readonly string[], plural: string, extra: Partial<KindSpec> = {}): KindSpec => ({
	kind,
	group,
	versions,
	plural,
	scope: "namespace",
	crd: true,
	...extra,
});

const RBAC = "rbac.authorization.k8s.io";

export const KIND_PLAN: readonly KindSpec[] = [
	ns("Pod", "", "v1", "pods"),
	ns("Deployment", "apps", "v1", "deployments", { legacyGroups: ["extensions"] }),
	ns("StatefulSet", "apps", "v1", "statefulsets"),
	ns("DaemonSet", "apps", "v1", "daemonsets", { legacyGroups: ["extensions"] }),
	ns("ReplicaSet", "apps", "v1", "replicasets", { legacyGroups: ["extensions"] }),
	ns("ReplicationController", "", "v1", "replicationcontrollers"),
	ns("Job", "batch", "v1", "jobs"),
	ns("CronJob", "batch", "v1", "cronjobs"),
	ns("Service", "", "v1", "services"),
	ns("PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets"),
	ns("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", { legacyGroups: ["extensions"] }),
	ns("HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers"),
	ns("ServiceAccount", "", "v1", "serviceaccounts"),
	ns("Role", RBAC, "v1", "roles"),
	ns("RoleBinding", RBAC, "v1", "rolebindings"),
	ns("LimitRange", "", "v1", "limitranges"),
	ns("ResourceQuota", "", "v1", "resourcequotas"),
	// A ClusterRoleBinding to a namespace's service account is invisible from inside the namespace.
	// Both lists are read whole: one round trip, where GETs by name would need a second round. The
	// assembler keeps the bindings that reach the namespace and the roles they (or RoleBindings) name.
	{ ...ns("ClusterRoleBinding", RBAC, "v1", "clusterrolebindings"), scope: "cluster", reaches: bindingReaches },
	{ ...ns("ClusterRole", RBAC, "v1", "clusterroles"), scope: "cluster" },
	crd("Rollout", "argoproj.io", ["v1alpha1"], "rollouts"),
	crd("DeploymentConfig", "apps.openshift.io", ["v1"], "deploymentconfigs"),
	crd("ServiceMonitor", "monitoring.coreos.com", ["v1"], "servicemonitors", { scope: "all-namespaces", reaches: monitorReaches }),
	crd("PodMonitor", "monitoring.coreos.com", ["v1"], "podmonitors", { scope: "all-namespaces", reaches: monitorReaches }),
	crd("PrometheusRule", "monitoring.coreos.com", ["v1"], "prometheusrules", { scope: "all-namespaces", reaches: ruleMentions }),
	crd("VulnerabilityReport", "aquasecurity.github.io", ["v1alpha1"], "vulnerabilityreports", { liveEvidence: true }),
	crd("Application", "argoproj.io", ["v1alpha1"], "applications", {
		scope: "all-namespaces",
		reaches: targets("spec", "destination", "namespace"),
	}),
	crd("Kustomization", "kustomize.toolkit.fluxcd.io", ["v1", "v1beta2"], "kustomizations", {
		scope: "all-namespaces",
		reaches: targets("spec", "targetNamespace"),
	}),
	crd("HelmRelease", "helm.toolkit.fluxcd.io", ["v2", "v2beta2", "v2beta1"], "helmreleases", {
		scope: "all-namespaces",
		reaches: targets("spec", "targetNamespace"),
	}),
	crd("ClusterPolicy", "kyverno.io", ["v1"], "clusterpolicies", { scope: "cluster" }),
	crd("Policy", "kyverno.io", ["v1"], "policies"),
	crd("ConstraintTemplate", "templates.gatekeeper.sh", ["v1", "v1beta1"], "constrainttemplates", { scope: "cluster" }),
	crd("Schedule", "velero.io", ["v1"], "schedules", { scope: "all-namespaces", reaches: scheduleCovers }),
];

const BY_GROUP_KIND = new Map<string, KindSpec>();
for (const spec of KIND_PLAN) {
	for (const group of [spec.group, ...(spec.legacyGroups ?? [])]) BY_GROUP_KIND.set(`${group}/${spec.kind}`, spec);
}

/** The group of an apiVersion: "apps/v1" → "apps", "v1" → "". */
export function groupOf(apiVersion: string): string {
	const slash = apiVersion.indexOf("/");
	return slash === -1 ? "" : apiVersion.slice(0, slash);
}

/**
 * The plan entry for an object by its group and kind (never by kind alone: Knative's `Service`
 * and kustomize's `Kustomization` are other kinds than the core Service and Flux's Kustomization).
 */
export function specOf(apiVersion: string, kind: string): KindSpec | undefined {
	return BY_GROUP_KIND.get(`${groupOf(apiVersion)}/${kind}`);
}
