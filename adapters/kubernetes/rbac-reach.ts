import type { KubeObject, ResourceList } from "../../src/readiness/snapshot.ts";

interface Subject {
	readonly kind?: unknown;
	readonly name?: unknown;
	readonly namespace?: unknown;
}

/**
 * Whether a binding's subjects include the namespace's service accounts: a ServiceAccount subject
 * in the namespace, the User form of a service account name, or a group every such account is in
 * (`system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`). A cluster-admin
 * binding to one of those groups is exactly the kind of grant an audit must surface.
 */
export function bindingReaches(binding: KubeObject, namespace: string): boolean {
	const subjects = (binding as { subjects?: unknown }).subjects;
	if (!Array.isArray(subjects)) return false;
	const groups = new Set(["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"]);
	// In a RoleBinding a ServiceAccount subject without a namespace means the binding's own
	// namespace (the API accepts and stores it that way); ClusterRoleBindings require one.
	const implied = binding.kind === "RoleBinding" ? binding.metadata.namespace : undefined;
	return subjects.some((subject: Subject) => {
		if (subject.kind === "ServiceAccount") return (subject.namespace ?? implied) === namespace;
		if (subject.kind === "User") {
			return typeof subject.name === "string" && subject.name.startsWith(`system:serviceaccount:${namespace}:`);
		}
		return subject.kind === "Group" && typeof subject.name === "string" && groups.has(subject.name);
	});
}

function clusterRoleRef(binding: KubeObject): string | undefined {
	const roleRef = (binding as { roleRef?: { kind?: unknown; name?: unknown } }).roleRef;
	return roleRef?.kind === "ClusterRole" && typeof roleRef.name === "string" ? roleRef.name : undefined;
}

/**
 * Narrows the two cluster-wide lists to what concerns the namespace: the ClusterRoleBindings that
 * reach its service accounts, and the ClusterRoles referenced by those or by the namespace's
 * RoleBindings that reach them. Other states (forbidden, error) pass through unchanged.
 */
export function narrowClusterRbac(
	namespace: string,
	clusterRoleBindings: ResourceList,
	clusterRoles: ResourceList,
	roleBindings: ResourceList,
): { clusterRoleBindings: ResourceList; clusterRoles: ResourceList } {
	const reachingCrbs = clusterRoleBindings.items.filter((binding) => bindingReaches(binding, namespace));
	const reachingRbs = roleBindings.items.filter((binding) => bindingReaches(binding, namespace));
	const referenced = new Set([...reachingCrbs, ...reachingRbs].map(clusterRoleRef).filter((name) => name !== undefined));
	return {
		clusterRoleBindings: { ...clusterRoleBindings, items: reachingCrbs },
		clusterRoles: { ...clusterRoles, items: clusterRoles.items.filter((role) => referenced.has(role.metadata.name)) },
	};
}
