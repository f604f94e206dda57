import type { KubeObject } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import { blindFix, type Evaluator, finding, once, refOf, unseen } from "./outcome.ts";
import type { Finding, Workload } from "./types.ts";

/**
 * Metrics: a ServiceMonitor that reaches a Service selecting the pods, or a PodMonitor selecting
 * them, passes. prometheus.io/scrape annotations alone only work if the cluster's Prometheus is
 * configured to honour them: a warning. Nothing at all fails. Missing Prometheus Operator CRDs are
 * a fact (no monitors exist), not an unknown. Alerts: a PrometheusRule with alerting rules in the
 * namespace. Jobs are short-lived and pushed, not scraped: metrics are n/a for them.
 */

function scrapeAnnotated(workload: Workload, services: readonly KubeObject[]): string | undefined {
	if (workload.podAnnotations["prometheus.io/scrape"] === "true") return "the pod template";
	const service = services.find((s) => s.metadata.annotations?.["prometheus.io/scrape"] === "true");
	return service === undefined ? undefined : `Service ${service.metadata.name}`;
}

/** The first ServiceMonitor reaching one of the services, and through which; indexed once per evaluation. */
function monitorsReaching(
	context: EvaluationContext,
	services: readonly KubeObject[],
): { monitor: KubeObject; service: KubeObject } | undefined {
	const byService = once(context, "monitors:by-service", () => {
		const index = new Map<KubeObject, KubeObject>();
		for (const monitor of context.list("ServiceMonitor").items) {
			for (const service of context.servicesOf(monitor)) if (!index.has(service)) index.set(service, monitor);
		}
		return index;
	});
	for (const service of services) {
		const monitor = byService.get(service);
		if (monitor !== undefined) return { monitor, service };
	}
	return undefined;
}

function alertRules(context: EvaluationContext): string[] {
	return once(context, "alerts", () =>
		context
			.list("PrometheusRule")
			.items.filter((rule) => {
				const groups = ((rule.spec ?? {}) as { groups?: readonly { rules?: readonly { alert?: string }[] }[] }).groups ?? [];
				return groups.some((g) => (g.rules ?? []).some((r) => typeof r.alert === "string" && r.alert !== ""));
			})
			.map((r) => r.metadata.name),
	);
}

export const observabilityEvaluators: Readonly<Record<string, Evaluator>> = {
	"observability-metrics": (workload, context, check) => {
		if (workload.cls === "Job" || workload.cls === "CronJob") return "n/a";
		const services = context.selecting("Service", workload);
		const reached = monitorsReaching(context, services);
		if (reached !== undefined) {
			const { monitor, service: via } = reached;
			return [
				finding(check, "info", `scraped through ServiceMonitor ${monitor.metadata.name} via Service ${via.metadata.name}.`, {
					object: refOf(monitor),
				}),
			];
		}
		const podMonitor = context.selecting("PodMonitor", workload)[0];
		if (podMonitor !== undefined) {
			return [finding(check, "info", `scraped through PodMonitor ${podMonitor.metadata.name}.`, { object: refOf(podMonitor) })];
		}
		const annotated = scrapeAnnotated(workload, services);
		const blindKinds = (["ServiceMonitor", "PodMonitor", "Service"] as const).filter((k) => unseen(context, k) !== undefined);
		const findings: Finding[] = [];
		if (annotated !== undefined) {
			findings.push(
				finding(
					check,
					"warn",
					`only prometheus.io/scrape annotations (on ${annotated}); scraping depends on the Prometheus configuration.`,
					{
						fix: "Add a ServiceMonitor or PodMonitor so scraping is declared, not assumed.",
					},
				),
			);
		} else if (blindKinds.length === 0) {
			const operator =
				context.list("ServiceMonitor").state === "absent" && context.list("PodMonitor").state === "absent"
					? " (the Prometheus Operator is not installed)"
					: "";
			const where = context.snapshot.origin === "files" ? " in the files" : "";
			findings.push(
				finding(check, "fail", `is not scraped: no ServiceMonitor, PodMonitor or scrape annotation${where} reaches its pods${operator}.`),
			);
		}
		// With annotations it is scraped somehow: what could not be seen is a note. Without any
		// evidence, unseen monitors leave the verdict open.
		for (const kind of blindKinds) {
			const why = unseen(context, kind) as string;
			findings.push(
				finding(check, annotated === undefined ? "unknown" : "note", `Monitors reaching it may exist: ${why}.`, {
					fix: blindFix(context, kind),
				}),
			);
		}
		return findings;
	},
	"observability-alerts": (_workload, context, check) => {
		if (alertRules(context).length > 0) return [];
		const blind = unseen(context, "PrometheusRule");
		if (blind !== undefined) {
			return [finding(check, "unknown", `Alerting rules may exist: ${blind}.`, { fix: blindFix(context, "PrometheusRule") })];
		}
		const absent = context.list("PrometheusRule").state === "absent";
		return [
			finding(
				check,
				"warn",
				absent
					? "no PrometheusRule CRD in the cluster, so alerts for this namespace (if any) live outside the API and cannot be verified."
					: context.snapshot.origin === "files"
						? "no PrometheusRule with alerting rules for the namespace in the files."
						: "no PrometheusRule with alerting rules in the namespace.",
			),
		];
	},
};
