import { EVERY_ACCOUNT, subjectAccount, subjectsOf } from "../rbac-subjects.ts";
import type { KubeObject } from "../snapshot.ts";
import { BUILT_IN_CLUSTER_ROLES } from "./builtin-roles.ts";
import type { EvaluationContext } from "./context.ts";
import { blindFix, once, unseen } from "./outcome.ts";
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
	/** False when the live SA list was read and this name is not in it (pods will fail to create); files only refer to it. */
	readonly exists: boolean | "unknown";
	readonly tokenMounted: boolean;
	readonly grants: readonly Grant[];
	/** Bindings that could not be seen, with the reason and what to do about it. */
	readonly blind: readonly Blind[];
}

/**
 * Every binding that applies to some service account of the namespace, keyed by the account it
 * names (src/readiness/rbac-subjects.ts matches subjects as the RBAC authorizer does), with
 * EVERY_ACCOUNT for groups of all of them. Built once, so resolving 1,000 accounts costs one pass
 * over the bindings.
 */
interface BindingIndex {
	readonly bySubject: Map<string, Grant[]>;
	readonly blind: Blind[];
	/** Every binding that reaches an account of the namespace, with what it grants and to whom. */
	readonly bindings: BoundGrant[];
}

export interface BoundGrant {
	readonly binding: KubeObject;
	readonly grant: Grant;
	/** Account names, EVERY_ACCOUNT for a group of all of them. */
	readonly accounts: readonly string[];
}

export interface Blind {
	readonly why: string;
	readonly fix: string;
}

function bindingIndex(context: EvaluationContext): BindingIndex {
	return once(context, "rbac:index", () => {
		const namespace = context.snapshot.namespace;
		const roles = indexByName(context.list("Role").items);
		const clusterRoles = indexByName(context.list("ClusterRole").items);
		const bySubject = new Map<string, Grant[]>();
		const blind: Blind[] = [];
		const bindings: BoundGrant[] = [];
		for (const kind of ["RoleBinding", "ClusterRoleBinding"] as const) {
			const why = unseen(context, kind);
			if (why !== undefined) blind.push({ why, fix: blindFix(context, kind) });
			for (const binding of context.list(kind).items) {
				const bindingNamespace = kind === "RoleBinding" ? (binding.metadata.namespace ?? namespace) : undefined;
				if (kind === "RoleBinding" && bindingNamespace !== namespace) continue;
				const roleRef = (binding as { roleRef?: { kind: string; name: string } }).roleRef;
				if (roleRef === undefined) continue;
				const keys = new Set<string>();
				for (const subject of subjectsOf(binding)) {
					const account = subjectAccount(subject, namespace, bindingNamespace);
					if (account !== undefined) keys.add(account);
				}
				if (keys.size === 0) continue;
				const grant = resolveGrant(context, kind, binding, roleRef, roles, clusterRoles);
				bindings.push({ binding, grant, accounts: [...keys] });
				for (const key of keys) {
					const list = bySubject.get(key);
					if (list === undefined) bySubject.set(key, [grant]);
					else list.push(grant);
				}
			}
		}
		return { bySubject, blind, bindings };
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
			unresolved: "it aggregates ClusterRoles by label and none of them are in the files, so its rules are defined by the cluster",
		};
	}
	const builtIn = roleRef.kind === "ClusterRole" ? BUILT_IN_CLUSTER_ROLES.get(roleRef.name) : undefined;
	if (builtIn !== undefined) return { ...base, rules: builtIn };
	const missing = unseen(context, roleRef.kind === "Role" ? "Role" : "ClusterRole");
	if (missing === undefined && context.snapshot.origin === "files" && roleRef.kind === "ClusterRole") {
		// Files hold some ClusterRoles, never all of the cluster's (bootstrap and operator roles).
		return { ...base, unresolved: `ClusterRole ${roleRef.name} is not in the files, so its rules are defined by the cluster` };
	}
	return { ...base, unresolved: missing ?? `${roleRef.kind} ${roleRef.name} does not exist, so the binding grants nothing` };
}

function rulesOf(role: KubeObject): readonly PolicyRule[] {
	return ((role as { rules?: readonly PolicyRule[] | null }).rules ?? []) as readonly PolicyRule[];
}

/** The bindings that reach the namespace's service accounts, each with its resolved grant. */
export function boundGrants(context: EvaluationContext): readonly BoundGrant[] {
	return bindingIndex(context).bindings;
}

function grantsFor(context: EvaluationContext, sa: string): { grants: Grant[]; blind: Blind[] } {
	const index = bindingIndex(context);
	const grants = [...(index.bySubject.get(sa) ?? []), ...(index.bySubject.get(EVERY_ACCOUNT) ?? [])];
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
	const exists =
		account !== undefined || name === "default" ? true : listState === "listed" && context.snapshot.origin === "live" ? false : "unknown";
	const accountMount = (account as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken;
	const tokenMounted = spec.automountServiceAccountToken ?? accountMount ?? true;
	const { grants, blind } = once(context, `rbac:grants:${name}`, () => grantsFor(context, name));
	// Files are the desired state of what they create. An account they only refer to (created by
	// a platform team, or the namespace's default) may carry bindings that live elsewhere.
	const createdElsewhere = context.snapshot.origin === "files" && account === undefined;
	const elsewhere: Blind[] = createdElsewhere
		? [
				{
					why: `service account "${name}" is not created by these files, so bindings it has elsewhere are not seen`,
					fix: "Audit the running namespace (--namespace) to see every binding, or create the service account in these files.",
				},
			]
		: [];
	return { name, exists, tokenMounted, grants, blind: [...blind, ...elsewhere] };
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
