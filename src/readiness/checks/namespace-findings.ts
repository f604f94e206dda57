import { checkById } from "./catalog.ts";
import type { EvaluationContext } from "./context.ts";
import { finding, refOf } from "./outcome.ts";
import type { Finding } from "./types.ts";

/**
 * Findings about namespace objects rather than workloads: budgets and policies that select no
 * pods (usually a typo in a label) and ServiceMonitors that reach no Service.
 */
export function namespaceFindings(context: EvaluationContext): Finding[] {
	const findings: Finding[] = [];
	for (const pdb of context.list("PodDisruptionBudget").items) {
		if (context.selectedBy("PodDisruptionBudget", pdb).length === 0) {
			findings.push(
				finding(checkById("replicas-pdb"), "warn", `PodDisruptionBudget ${pdb.metadata.name} selects no workload in the namespace.`, {
					object: refOf(pdb),
					fix: "Fix its selector to match the pod template's labels, or delete it.",
				}),
			);
		}
	}
	for (const policy of context.list("NetworkPolicy").items) {
		if (context.selectedBy("NetworkPolicy", policy).length === 0) {
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
		if (context.servicesOf(monitor).length === 0) {
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
