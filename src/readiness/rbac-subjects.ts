import type { KubeObject } from "./snapshot.ts";

/**
 * Which service accounts of a namespace a binding subject stands for, as the RBAC authorizer
 * matches them: a ServiceAccount subject (in a RoleBinding, one without a namespace means the
 * binding's own namespace), the equivalent User name `system:serviceaccount:<ns>:<name>`, and the
 * groups every account of the namespace belongs to. Written once: the snapshot assembler keeps
 * the cluster-wide bindings that reach the namespace with it, the RBAC checks resolve grants.
 */

export interface Subject {
	readonly kind?: unknown;
	readonly name?: unknown;
	readonly namespace?: unknown;
}

/** Every service account of the namespace, for a subject that is a group of all of them. */
export const EVERY_ACCOUNT = "*";

/**
 * The account a subject names in `namespace`: its name, EVERY_ACCOUNT for a group of all of
 * them, undefined when it names none of them (a human, another namespace's account).
 */
export function subjectAccount(subject: Subject, namespace: string, bindingNamespace: string | undefined): string | undefined {
	if (typeof subject.name !== "string") return undefined;
	switch (subject.kind) {
		case "ServiceAccount": {
			const ns = typeof subject.namespace === "string" && subject.namespace !== "" ? subject.namespace : bindingNamespace;
			return ns === namespace ? subject.name : undefined;
		}
		case "User": {
			const prefix = `system:serviceaccount:${namespace}:`;
			return subject.name.startsWith(prefix) ? subject.name.slice(prefix.length) : undefined;
		}
		case "Group":
			return subject.name === "system:serviceaccounts" ||
				subject.name === `system:serviceaccounts:${namespace}` ||
				subject.name === "system:authenticated"
				? EVERY_ACCOUNT
				: undefined;
		default:
			return undefined;
	}
}

export function subjectsOf(binding: KubeObject): readonly Subject[] {
	const subjects = (binding as { subjects?: unknown }).subjects;
	return Array.isArray(subjects) ? (subjects as Subject[]) : [];
}

/** The namespace a RoleBinding lends to subjects without one; ClusterRoleBindings lend none. */
export function bindingNamespaceOf(binding: KubeObject): string | undefined {
	return binding.kind === "RoleBinding" ? binding.metadata.namespace : undefined;
}

/** Whether a binding grants anything to some service account of `namespace`. */
export function bindingReaches(binding: KubeObject, namespace: string): boolean {
	const own = bindingNamespaceOf(binding);
	return subjectsOf(binding).some((subject) => subjectAccount(subject, namespace, own) !== undefined);
}

/**
 * Namespaces whose service accounts a binding's subjects name explicitly (a ServiceAccount
 * subject's namespace, a `system:serviceaccount:<ns>:` user, a `system:serviceaccounts:<ns>`
 * group), so that a file holding only a ClusterRoleBinding is still audited for them.
 */
export function namedAccountNamespaces(binding: KubeObject): string[] {
	const found = new Set<string>();
	const own = bindingNamespaceOf(binding);
	for (const subject of subjectsOf(binding)) {
		if (typeof subject.name !== "string") continue;
		if (subject.kind === "ServiceAccount") {
			const ns = typeof subject.namespace === "string" && subject.namespace !== "" ? subject.namespace : own;
			if (ns !== undefined) found.add(ns);
		} else if (subject.kind === "User" && subject.name.startsWith("system:serviceaccount:")) {
			const ns = subject.name.split(":")[2];
			if (ns !== undefined && ns !== "") found.add(ns);
		} else if (subject.kind === "Group" && subject.name.startsWith("system:serviceaccounts:")) {
			found.add(subject.name.slice("system:serviceaccounts:".length));
		}
	}
	return [...found];
}
