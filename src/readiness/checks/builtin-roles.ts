import type { PolicyRule } from "./rbac-graph.ts";

/**
 * The user-facing ClusterRoles every cluster has (the API server reconciles them at start-up from
 * its bootstrap policy), reduced to the rules the checks look at. Manifest files bind to them
 * without ever including them, so "not in the files" must not read as "grants nothing".
 * Source: kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (aggregate-to-view,
 * aggregate-to-edit, aggregate-to-admin); cluster-admin is recognised by name.
 */

const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];

const VIEW: readonly PolicyRule[] = [
	{
		apiGroups: [""],
		resources: ["pods", "pods/log", "services", "endpoints", "configmaps", "persistentvolumeclaims", "serviceaccounts", "events"],
		verbs: READ,
	},
	{ apiGroups: ["apps"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"], verbs: READ },
	{ apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: READ },
];

const EDIT: readonly PolicyRule[] = [
	...VIEW,
	{ apiGroups: [""], resources: ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"], verbs: WRITE },
	{ apiGroups: [""], resources: ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], verbs: READ },
	{ apiGroups: [""], resources: ["secrets", "configmaps", "services", "serviceaccounts", "persistentvolumeclaims"], verbs: WRITE },
	// edit may act as any service account of the namespace.
	{ apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
];

const ADMIN: readonly PolicyRule[] = [
	...EDIT,
	{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: [...READ, ...WRITE] },
];

export const BUILT_IN_CLUSTER_ROLES: ReadonlyMap<string, readonly PolicyRule[]> = new Map([
	["view", VIEW],
	["edit", EDIT],
	["admin", ADMIN],
]);
