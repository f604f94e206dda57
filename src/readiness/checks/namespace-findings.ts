import { EVERY_ACCOUNT } from "../rbac-subjects.ts";
import { checkById } from "./catalog.ts";
import type { EvaluationContext } from "./context.ts";
import { finding, refOf } from "./outcome.ts";
import { adminGrant, describeGrant, grantHit, RULE_TESTS } from "./rbac.ts";
import { boundGrants } from "./rbac-graph.ts";
import type { Finding } from "./types.ts";

/**
 * Findings about objects rather than workloads: objects the API server would refuse, bindings
 * that give service accounts too much (found even when no workload uses them), budgets and
 * policies that select no pods (usually a typo in a label) and ServiceMonitors that reach no
 * Service.
 */

/** The check an invalid object of each kind undermines, for its finding's rule and lesson. */
const CHECK_OF_KIND: Readonly<Record<string, string>> = {
	PodDisruptionBudget: "replicas-pdb",
	NetworkPolicy: "security-network-policy",
	ServiceMonitor: "observability-metrics",
	PodMonitor: "observability-metrics",
	Service: "observability-metrics",
};

export function namespaceFindings(context: EvaluationContext): Finding[] {
	const findings: Finding[] = [...invalidObjects(context), ...bindingFindings(context)];
	const refused = new Set(context.invalid.map((i) => i.object));
	for (const pdb of context.list("PodDisruptionBudget").items) {
		if (!refused.has(pdb) && context.selectedBy("PodDisruptionBudget", pdb).length === 0) {
			findings.push(
				finding(checkById("replicas-pdb"), "warn", `PodDisruptionBudget ${pdb.metadata.name} selects no workload in the namespace.`, {
					object: refOf(pdb),
					fix: "Fix its selector to match the pod template's labels, or delete it.",
				}),
			);
		}
	}
	for (const policy of context.list("NetworkPolicy").items) {
		if (!refused.has(policy) && context.selectedBy("NetworkPolicy", policy).length === 0) {
			findings.push(
				finding(
					checkById("security-network-policy"),
					"warn",
					`NetworkPolicy ${policy.metadata.name} selects no workload in the namespace.`,
					{
						object: refOf(policy),
						fix: "Fix its podSelector to match the pod template's labels, or delete it.",
					},
				),
			);
		}
	}
	for (const monitor of context.list("ServiceMonitor").items) {
		if (!refused.has(monitor) && context.servicesOf(monitor).length === 0) {
			findings.push(
				finding(
					checkById("observability-metrics"),
					"warn",
					`ServiceMonitor ${monitor.metadata.name} selects no Service, so it scrapes nothing.`,
					{
						object: refOf(monitor),
						fix: "Fix its selector or namespaceSelector to match the Service's labels.",
					},
				),
			);
		}
	}
	return findings;
}

function invalidObjects(context: EvaluationContext): Finding[] {
	return context.invalid.map(({ object, problem }) =>
		finding(
			checkById(CHECK_OF_KIND[object.kind] ?? "replicas-minimum"),
			"fail",
			`${object.kind} ${object.metadata.name} is invalid: ${problem}. kubectl would refuse it${CHECK_OF_KIND[object.kind] === undefined ? "" : ", so it is judged as selecting nothing"}.`,
			{
				object: refOf(object),
				fix: "Fix the manifest; `kubectl apply --dry-run=server -f FILE` shows what the API server accepts.",
			},
		),
	);
}

function whom(accounts: readonly string[], namespace: string): string {
	if (accounts.includes(EVERY_ACCOUNT)) return `every service account of namespace ${namespace}`;
	const names = accounts.map((a) => `"${a}"`).join(", ");
	return `service account${accounts.length === 1 ? "" : "s"} ${names}`;
}

/** What each binding gives the namespace's accounts, judged on its own, whoever uses it. */
function bindingFindings(context: EvaluationContext): Finding[] {
	const findings: Finding[] = [];
	const namespace = context.snapshot.namespace;
	for (const { grant, accounts } of boundGrants(context)) {
		const to = whom(accounts, namespace);
		const scope = grant.scope === "cluster" ? ", cluster-wide" : "";
		const admin = adminGrant(grant);
		if (admin !== undefined) {
			const message =
				grant.role.name === "cluster-admin"
					? `${grant.binding.kind} ${grant.binding.name} binds cluster-admin to ${to}${scope}.`
					: `${grant.binding.kind} ${grant.binding.name} gives ${to} every verb on every resource through ${grant.role.kind} ${grant.role.name}${scope} (cluster-admin in all but name).`;
			findings.push(finding(checkById("rbac-cluster-admin"), "fail", message, { object: grant.binding }));
			continue;
		}
		for (const [id, test] of Object.entries(RULE_TESTS)) {
			const hit = grantHit(grant, test);
			if (hit === undefined || (hit.level !== "fail" && hit.level !== "warn")) continue;
			findings.push(finding(checkById(id), hit.level, `${to} ${hit.what} via ${describeGrant(grant)}.`, { object: grant.binding }));
		}
	}
	return findings;
}
