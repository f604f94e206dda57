import type { EvaluationContext } from "./context.ts";
import { type Evaluator, finding } from "./outcome.ts";
import { type Grant, type PolicyRule, ruleCovers, secretReads, serviceAccountOf } from "./rbac-graph.ts";
import type { CheckDefinition, Finding, FindingLevel, Workload } from "./types.ts";

/**
 * Least privilege, judged on what a service account can really do. For a workload: its own
 * account's grants; when its token is not mounted (automountServiceAccountToken: false) a grant is
 * one step less dangerous (only someone able to create pods with that account can use it), so
 * failures become warnings. The same tests judge each binding on its own (namespace-findings.ts),
 * so a cluster-admin binding is found even when no workload in the files uses it.
 */

export type RuleTest = (rule: PolicyRule, grant: Grant) => { level: FindingLevel; what: string } | undefined;

export function describeGrant(grant: Grant): string {
	return `${grant.role.kind} ${grant.role.name} (through ${grant.binding.kind} ${grant.binding.name}${grant.scope === "cluster" ? ", cluster-wide" : ""})`;
}

function soften(level: FindingLevel, mounted: boolean): FindingLevel {
	return !mounted && level === "fail" ? "warn" : level;
}

const FULL = (rule: PolicyRule) =>
	(rule.verbs ?? []).includes("*") && (rule.resources ?? []).includes("*") && (rule.apiGroups ?? []).includes("*");

/** cluster-admin, by name or by rules: every verb on every resource of every group. */
export function adminGrant(grant: Grant): string | undefined {
	if (grant.role.name === "cluster-admin" && grant.role.kind === "ClusterRole") return "is bound to cluster-admin";
	return (grant.rules ?? []).some(FULL) ? "has every verb on every resource (cluster-admin in all but name)" : undefined;
}

/** The rule tests of the checks that read a grant's rules, by check id. */
export const RULE_TESTS: Readonly<Record<string, RuleTest>> = {
	"rbac-wildcard": (rule) => {
		if (FULL(rule)) return undefined; // reported as cluster-admin-equivalent
		const fields = (["verbs", "resources", "apiGroups"] as const).filter((f) => (rule[f] ?? []).includes("*"));
		if (fields.length === 0) return undefined;
		// `*` in apiGroups alone still names the resources and verbs: a warning.
		const level = fields.includes("verbs") || fields.includes("resources") ? "fail" : "warn";
		return { level, what: `has a rule with * in ${fields.join(" and ")}` };
	},
	"rbac-secrets": (rule, grant) => {
		const verbs = secretReads(rule);
		if (verbs.length === 0) return undefined;
		const onlyNamedGets = (rule.resourceNames ?? []).length > 0 && verbs.every((v) => v === "get");
		if (onlyNamedGets) return { level: "note", what: `may get the named Secrets ${(rule.resourceNames ?? []).join(", ")}` };
		const level = grant.scope === "cluster" ? "fail" : "warn";
		return { level, what: `may ${verbs.join("/")} Secrets${grant.scope === "cluster" ? " in every namespace" : ""}` };
	},
	"rbac-escalation": (rule) => {
		const verbs = (rule.verbs ?? []).filter((v) => v === "escalate" || v === "bind" || v === "impersonate");
		return verbs.length === 0 ? undefined : { level: "fail", what: `may ${verbs.join(", ")}` };
	},
	"rbac-pods-exec": (rule, grant) => {
		// kubectl exec over WebSockets starts with GET, so get counts as well as create.
		const verbs = [...ruleCovers(rule, ["create", "get"], "", "pods/exec"), ...ruleCovers(rule, ["create", "get"], "", "pods/attach")];
		if (verbs.length === 0) return undefined;
		return {
			level: grant.scope === "cluster" ? "fail" : "warn",
			what: `may exec or attach into pods${grant.scope === "cluster" ? " in every namespace" : ""}`,
		};
	},
};

/** The first rule of a grant that the test flags (one finding per grant). */
export function grantHit(grant: Grant, test: RuleTest): { level: FindingLevel; what: string } | undefined {
	if (grant.rules === undefined || adminGrant(grant) !== undefined) return undefined;
	for (const rule of grant.rules) {
		const hit = test(rule, grant);
		if (hit !== undefined) return hit;
	}
	return undefined;
}

function byRules(workload: Workload, context: EvaluationContext, check: CheckDefinition): Finding[] {
	const test = RULE_TESTS[check.id] as RuleTest;
	const sa = serviceAccountOf(context, workload);
	const findings: Finding[] = [];
	for (const grant of sa.grants) {
		const hit = grantHit(grant, test);
		if (hit === undefined) continue;
		const note = sa.tokenMounted ? "" : " (its token is not mounted)";
		findings.push(
			finding(check, soften(hit.level, sa.tokenMounted), `service account "${sa.name}" ${hit.what} via ${describeGrant(grant)}${note}.`, {
				object: grant.role,
			}),
		);
	}
	return findings;
}

export const rbacEvaluators: Readonly<Record<string, Evaluator>> = {
	"rbac-cluster-admin": (workload, context, check) => {
		const sa = serviceAccountOf(context, workload);
		const findings: Finding[] = [];
		for (const grant of sa.grants) {
			const admin = adminGrant(grant);
			if (admin !== undefined) {
				findings.push(
					finding(check, soften("fail", sa.tokenMounted), `service account "${sa.name}" ${admin} via ${describeGrant(grant)}.`, {
						object: grant.binding,
					}),
				);
			} else if (grant.unresolved !== undefined) {
				findings.push(
					finding(
						check,
						"unknown",
						`${grant.binding.kind} ${grant.binding.name} grants ${grant.role.kind} ${grant.role.name}, whose rules are not visible: ${grant.unresolved}.`,
						{
							object: grant.binding,
							fix:
								context.snapshot.origin === "files"
									? "Audit the running namespace (--namespace) to see the role's rules, or add the role to the files."
									: "Let kubecoach list ClusterRoles (deploy/rbac.yaml has the rule).",
						},
					),
				);
			}
		}
		for (const blind of sa.blind) {
			findings.push(finding(check, "unknown", `Role bindings are not all visible: ${blind.why}.`, { fix: blind.fix }));
		}
		return findings;
	},
	"rbac-wildcard": (workload, context, check) => byRules(workload, context, check),
	"rbac-secrets": (workload, context, check) => byRules(workload, context, check),
	"rbac-escalation": (workload, context, check) => byRules(workload, context, check),
	"rbac-pods-exec": (workload, context, check) => byRules(workload, context, check),
	"rbac-service-account": (workload, context, check) => {
		const sa = serviceAccountOf(context, workload);
		if (sa.exists === false) {
			return [
				finding(check, "fail", `service account "${sa.name}" does not exist in the namespace, so its pods cannot be created.`, {
					fix: `Create ServiceAccount ${sa.name}, or fix serviceAccountName.`,
				}),
			];
		}
		if (sa.name === "default") {
			return [finding(check, "warn", `runs as the "default" service account${sa.tokenMounted ? " with its token mounted" : ""}.`)];
		}
		if (sa.exists === "unknown" && context.snapshot.origin === "files") {
			return [
				finding(check, "note", `service account "${sa.name}" is not created by these files: it must exist before the pods can start.`),
			];
		}
		if (sa.tokenMounted && sa.grants.length === 0 && sa.blind.length === 0) {
			return [
				finding(
					check,
					"note",
					"its service account has no RBAC grants but its token is mounted; automountServiceAccountToken: false removes it.",
				),
			];
		}
		return [];
	},
};
