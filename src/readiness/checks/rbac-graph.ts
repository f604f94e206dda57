import type { KubeObject } from "../snapshot.ts";
import { BUILT_IN_CLUSTER_ROLES } from "./builtin-roles.ts";
import type { EvaluationContext } from "./context.ts";
import { once, unseen } from "./outcome.ts";
import { type LabelSelector, matchesSelector } from "./selector.ts";
import type { ObjectRef, PodSpec, Workload } from "./types.ts";

/**
 * What a workload's service account may do: from the pod's serviceAccountName (the namespace's
 * `default` when unset) through RoleBindings and ClusterRoleBindings to the rules, as the RBAC
 * authorizer matches subjects (ServiceAccount, the equivalent User name, and the
 * system:serviceaccounts groups).
 */

export interface PolicyRule {
	readonly verbs?: readonly string[];
	readonly apiGroups?: readonly string[];
	readonly resources?: readonly string[];
	readonly resourceNames?: readonly string[];
	readonly nonResourceURLs?: readonly string[];
}

export interface Grant {
	readonly binding: ObjectRef;
	readonly role: ObjectRef;
	/** `cluster` for ClusterRoleBindings; a ClusterRole bound by a RoleBinding is namespaced. */
	readonly scope: "namespace" | "cluster";
	/** Undefined when the role could not be read; `unresolved` says why. */
	readonly rules?: readonly PolicyRule[];
	readonly unresolved?: string;
}

export interface ServiceAccountView {
	readonly name: string;
	/** False when the SA list was read and this name is not in it (pods will fail to create). */
	readonly exists: boolean | "unknown";
	readonly tokenMounted: boolean;
	readonly grants: readonly Grant[];
	/** Binding kinds that could not be seen, with the reason. */
	readonly blind: readonly string[];
}

interface Subject {
	readonly kind: string;
	readonly name: string;
	readonly namespace?: string;
}

/**
 * Every binding that applies to some service account of the namespace, keyed by the subject
 * forms the RBAC authorizer matches for an account: the ServiceAccount itself (in a RoleBinding
 * a subject without namespace means the binding's namespace), the equivalent User name, and the
 * groups system:serviceaccounts, system:serviceaccounts:<ns> and system:authenticated.
 * Built once, so resolving 1,000 accounts costs one pass over the bindings.
 */
interface BindingIndex {
	readonly bySubject: Map<string, Grant[]>;
	readonly blind: string[];
}

const ALL_ACCOUNTS = "*";

function subjectKey(subject: Subject, namespace: string, bindingNamespace: string | undefined): string | undefined {
	switch (subject.kind) {
		case "ServiceAccount": {
			const ns = subject.namespace ?? bindingNamespace;
			return ns === namespace ? `sa:${subject.name}` : undefined;
		}
		case "User": {
			const prefix = `system:serviceaccount:${namespace}:`;
			return subject.name.startsWith(prefix) ? `sa:${subject.name.slice(prefix.length)}` : undefined;
		}
		case "Group":
			return subject.name === "system:serviceaccounts" ||
				subject.name === `system:serviceaccounts:${namespace}` ||
				subject.name === "system:authenticated"
				? ALL_ACCOUNTS
				: undefined;
		default:
			return undefined;
	}
}

function bindingIndex(context: EvaluationContext): BindingIndex {
	return once(context, "rbac:index", () => {
		const namespace = context.snapshot.namespace;
		const roles = indexByName(context.list("Role").items);
		const clusterRoles = indexByName(context.list("ClusterRole").items);
		const bySubject = new Map<string, Grant[]>();
		const blind: string[] = [];
		for (const kind of ["RoleBinding", "ClusterRoleBinding"] as const) {
			const why = unseen(context, kind);
			if (why !== undefined) blind.push(why);
			for (const binding of context.list(kind).items) {
				const bindingNamespace = kind === "RoleBinding" ? (binding.metadata.namespace ?? namespace) : undefined;
				if (kind === "RoleBinding" && bindingNamespace !== namespace) continue;
				const roleRef = (binding as { roleRef?: { kind: string; name: string } }).roleRef;
				if (roleRef === undefined) continue;
				const keys = new Set<string>();
				for (const subject of ((binding as { subjects?: readonly Subject[] }).subjects ?? []) as readonly Subject[]) {
					const key = subjectKey(subject, namespace, bindingNamespace);
					if (key !== undefined) keys.add(key);
				}
				if (keys.size === 0) continue;
				const grant = resolveGrant(context, kind, binding, roleRef, roles, clusterRoles);
				for (const key of keys) {
					const list = bySubject.get(key);
					if (list === undefined) bySubject.set(key, [grant]);
					else list.push(grant);
				}
			}
		}
		return { bySubject, blind };
	});
}

function resolveGrant(
	context: EvaluationContext,
	kind: "RoleBinding" | "ClusterRoleBinding",
	binding: KubeObject,
	roleRef: { kind: string; name: string },
	roles: ReadonlyMap<string, KubeObject>,
	clusterRoles: ReadonlyMap<string, KubeObject>,
): Grant {
	const role = roleRef.kind === "Role" ? roles.get(roleRef.name) : clusterRoles.get(roleRef.name);
	const base = {
		binding: { kind, name: binding.metadata.name },
		role: { kind: roleRef.kind, name: roleRef.name },
		scope: kind === "ClusterRoleBinding" ? ("cluster" as const) : ("namespace" as const),
	};
	if (role !== undefined) {
		const own = rulesOf(role);
		const aggregation = (role as { aggregationRule?: { clusterRoleSelectors?: readonly LabelSelector[] } }).aggregationRule;
		if (roleRef.kind !== "ClusterRole" || aggregation === undefined) return { ...base, rules: own };
		// The aggregation controller replaces the rules with those of every ClusterRole its selectors
		// match. Live roles come filled in; in files `rules: []` is the norm, so gather them here.
		const selectors = aggregation.clusterRoleSelectors ?? [];
		const gathered = [...clusterRoles.values()].filter(
			(other) => other !== role && selectors.some((s) => matchesSelector(s, other.metadata.labels ?? {}, "all")),
		);
		const rules = [...own, ...gathered.flatMap(rulesOf)];
		if (rules.length > 0 || context.snapshot.origin === "live") return { ...base, rules };
		return {
			...base,
			unresolved: `it aggregates ClusterRoles by label and none of them were in the files given (add them with --file)`,
		};
	}
	const builtIn = roleRef.kind === "ClusterRole" ? BUILT_IN_CLUSTER_ROLES.get(roleRef.name) : undefined;
	if (builtIn !== undefined) return { ...base, rules: builtIn };
	const missing = unseen(context, roleRef.kind === "Role" ? "Role" : "ClusterRole");
	if (missing === undefined && context.snapshot.origin === "files" && roleRef.kind === "ClusterRole") {
		// Files hold some ClusterRoles, never all of the cluster's (bootstrap and operator roles).
		return { ...base, unresolved: `ClusterRole ${roleRef.name} is not in the files given (add it with --file)` };
	}
	return { ...base, unresolved: missing ?? `${roleRef.kind} ${roleRef.name} does not exist, so the binding grants nothing` };
}

function rulesOf(role: KubeObject): readonly PolicyRule[] {
	return ((role as { rules?: readonly PolicyRule[] | null }).rules ?? []) as readonly PolicyRule[];
}

function grantsFor(context: EvaluationContext, sa: string): { grants: Grant[]; blind: string[] } {
	const index = bindingIndex(context);
	const grants = [...(index.bySubject.get(`sa:${sa}`) ?? []), ...(index.bySubject.get(ALL_ACCOUNTS) ?? [])];
	return { grants: [...new Set(grants)], blind: index.blind };
}

function indexByName(objects: readonly KubeObject[]): Map<string, KubeObject> {
	return new Map(objects.map((o) => [o.metadata.name, o]));
}

export function serviceAccountOf(context: EvaluationContext, workload: Workload): ServiceAccountView {
	const spec: PodSpec = workload.podSpec;
	const name = spec.serviceAccountName ?? spec.serviceAccount ?? "default";
	const accounts = once(context, "rbac:accounts", () => indexByName(context.list("ServiceAccount").items));
	const account = accounts.get(name);
	const listState = context.list("ServiceAccount").state;
	// The controller creates `default` in every namespace; files rarely include it.
	const exists = account !== undefined || name === "default" ? true : listState === "listed" ? false : "unknown";
	const accountMount = (account as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken;
	const tokenMounted = spec.automountServiceAccountToken ?? accountMount ?? true;
	const { grants, blind } = once(context, `rbac:grants:${name}`, () => grantsFor(context, name));
	return { name, exists, tokenMounted, grants, blind };
}

const READ = ["get", "list", "watch", "*"];

export function ruleCovers(rule: PolicyRule, verbs: readonly string[], group: string, resource: string): string[] {
	const groups = rule.apiGroups ?? [];
	const resources = rule.resources ?? [];
	if (!groups.includes("*") && !groups.includes(group)) return [];
	// As the RBAC authorizer matches: `*`, the exact `resource/subresource`, or `*/subresource`.
	const slash = resource.indexOf("/");
	const anyParent = slash === -1 ? undefined : `*${resource.slice(slash)}`;
	if (!resources.includes("*") && !resources.includes(resource) && (anyParent === undefined || !resources.includes(anyParent))) return [];
	return (rule.verbs ?? []).filter((v) => verbs.includes(v) || v === "*");
}

export function secretReads(rule: PolicyRule): string[] {
	return ruleCovers(rule, READ, "", "secrets");
}
