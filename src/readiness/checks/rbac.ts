import type { EvaluationContext } from "./context.ts";
import { type Evaluator, finding } from "./outcome.ts";
import { type Grant, type PolicyRule, ruleCovers, secretReads, serviceAccountOf } from "./rbac-graph.ts";
import type { CheckDefinition, Finding, FindingLevel, Workload } from "./types.ts";

/**
 * Least privilege, judged on what the workload's service account can really do. When the token is
 * not mounted (automountServiceAccountToken: false) a grant is one step less dangerous: only
 * someone able to create pods with that account can use it, so failures become warnings.
 */

type RuleTest = (rule: PolicyRule, grant: Grant) => { level: FindingLevel; what: string } | undefined;

function describe(grant: Grant): string {
	return `${grant.role.kind} ${grant.role.name} (through ${grant.binding.kind} ${grant.binding.name}${grant.scope === "cluster" ? ", cluster-wide" : ""})`;
}

function soften(level: FindingLevel, mounted: boolean): FindingLevel {
	return !mounted && level === "fail" ? "warn" : level;
}

function byRules(workload: Workload, context: EvaluationContext, check: CheckDefinition, test: RuleTest): Finding[] {
	const sa = serviceAccountOf(context, workload);
	const findings: Finding[] = [];
	for (const grant of sa.grants) {
		if (grant.rules === undefined || grant.role.name === "cluster-admin") continue;
		for (const rule of grant.rules) {
			const hit = test(rule, grant);
			if (hit === undefined) continue;
			const note = sa.tokenMounted ? "" : " (its token is not mounted)";
			findings.push(
				finding(check, soften(hit.level, sa.tokenMounted), `service account "${sa.name}" ${hit.what} via ${describe(grant)}${note}.`, {
					object: grant.role,
				}),
			);
			break;
		}
	}
	return findings;
}

const FULL = (rule: PolicyRule) =>
	(rule.verbs ?? []).includes("*") && (rule.resources ?? []).includes("*") && (rule.apiGroups ?? []).includes("*");

export const rbacEvaluators: Readonly<Record<string, Evaluator>> = {
	"rbac-cluster-admin": (workload, context, check) => {
		const sa = serviceAccountOf(context, workload);
		const findings: Finding[] = [];
		for (const grant of sa.grants) {
			const admin = grant.role.name === "cluster-admin" && grant.role.kind === "ClusterRole";
			const equivalent = !admin && (grant.rules ?? []).some(FULL);
			if (admin || equivalent) {
				const what = admin ? "is bound to cluster-admin" : "has every verb on every resource (cluster-admin in all but name)";
				findings.push(
					finding(check, soften("fail", sa.tokenMounted), `service account "${sa.name}" ${what} via ${describe(grant)}.`, {
						object: grant.binding,
					}),
				);
			} else if (grant.unresolved !== undefined) {
				findings.push(
					finding(
						check,
						"unknown",
						`${grant.binding.kind} ${grant.binding.name} grants ${grant.role.kind} ${grant.role.name}, whose rules could not be read: ${grant.unresolved}.`,
						{
							object: grant.binding,
						},
					),
				);
			}
		}
		for (const why of sa.blind) {
			findings.push(finding(check, "unknown", `Role bindings are not all visible: ${why}.`));
		}
		return findings;
	},
	"rbac-wildcard": (workload, context, check) =>
		byRules(workload, context, check, (rule) => {
			if (FULL(rule)) return undefined; // reported as cluster-admin-equivalent
			const fields = (["verbs", "resources", "apiGroups"] as const).filter((f) => (rule[f] ?? []).includes("*"));
			if (fields.length === 0) return undefined;
			// `*` in apiGroups alone still names the resources and verbs: a warning.
			const level = fields.includes("verbs") || fields.includes("resources") ? "fail" : "warn";
			return { level, what: `has a rule with * in ${fields.join(" and ")}` };
		}),
	"rbac-secrets": (workload, context, check) =>
		byRules(workload, context, check, (rule, grant) => {
			const verbs = secretReads(rule);
			if (verbs.length === 0) return undefined;
			const onlyNamedGets = (rule.resourceNames ?? []).length > 0 && verbs.every((v) => v === "get");
			if (onlyNamedGets) return { level: "note", what: `may get the named Secrets ${(rule.resourceNames ?? []).join(", ")}` };
			const level = grant.scope === "cluster" ? "fail" : "warn";
			return { level, what: `may ${verbs.join("/")} Secrets${grant.scope === "cluster" ? " in every namespace" : ""}` };
		}),
	"rbac-escalation": (workload, context, check) =>
		byRules(workload, context, check, (rule) => {
			const verbs = (rule.verbs ?? []).filter((v) => v === "escalate" || v === "bind" || v === "impersonate");
			return verbs.length === 0 ? undefined : { level: "fail", what: `may ${verbs.join(", ")}` };
		}),
	"rbac-pods-exec": (workload, context, check) =>
		byRules(workload, context, check, (rule, grant) => {
			// kubectl exec over WebSockets starts with GET, so get counts as well as create.
			const verbs = [...ruleCovers(rule, ["create", "get"], "", "pods/exec"), ...ruleCovers(rule, ["create", "get"], "", "pods/attach")];
			if (verbs.length === 0) return undefined;
			return {
				level: grant.scope === "cluster" ? "fail" : "warn",
				what: `may exec or attach into pods${grant.scope === "cluster" ? " in every namespace" : ""}`,
			};
		}),
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
		if (sa.tokenMounted && sa.grants.length === 0 && sa.blind.length === 0) {
			return [
				finding(
					check,
					"note",
					`service account "${sa.name}" has no RBAC grants but its token is mounted; automountServiceAccountToken: false removes it.`,
				),
			];
		}
		return [];
	},
};
