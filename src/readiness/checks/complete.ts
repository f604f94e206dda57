import type { KubeObject } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import { blindFix, type Evaluator, finding, notApplicable, once, unseen } from "./outcome.ts";
import type { Finding } from "./types.ts";

/**
 * Episode 10's additions (the `complete` profile): GitOps delivery, a policy engine, backups,
 * namespace quota. Most are facts about the namespace or cluster, computed once and reported on
 * every workload so each row reads on its own.
 */

const ARGO_ANNOTATION = "argocd.argoproj.io/tracking-id";
const FLUX_LABELS = ["kustomize.toolkit.fluxcd.io/name", "helm.toolkit.fluxcd.io/name"];

function gitopsMarker(context: EvaluationContext, object: { labels: Record<string, string>; annotations: Record<string, string> }) {
	if (object.annotations[ARGO_ANNOTATION] !== undefined) return `Argo CD (${ARGO_ANNOTATION})`;
	const flux = FLUX_LABELS.find((l) => object.labels[l] !== undefined);
	if (flux !== undefined) return `Flux (${flux}=${object.labels[flux]})`;
	// Argo CD's older label tracking uses app.kubernetes.io/instance, which Helm also sets: only
	// trust it when an Application of that name is visible.
	const instance = object.labels["app.kubernetes.io/instance"];
	if (instance !== undefined && context.list("Application").items.some((a) => a.metadata.name === instance)) {
		return `Argo CD Application ${instance}`;
	}
	return undefined;
}

function enforcing(policy: KubeObject): boolean {
	const spec = (policy.spec ?? {}) as {
		validationFailureAction?: string;
		rules?: readonly { validate?: { failureAction?: string } }[];
	};
	const enforce = (v: string | undefined) => v?.toLowerCase() === "enforce";
	return enforce(spec.validationFailureAction) || (spec.rules ?? []).some((r) => enforce(r.validate?.failureAction));
}

function policyEngine(context: EvaluationContext): { level: "pass" | "warn" | "fail" | "unknown"; why: string } {
	return once(context, "policy-engine", () => {
		const kyverno = [...context.list("ClusterPolicy").items, ...context.list("Policy").items];
		const gatekeeper = context.list("ConstraintTemplate").items;
		if (gatekeeper.length > 0) return { level: "pass", why: `Gatekeeper: ${gatekeeper.length} ConstraintTemplate(s)` };
		if (kyverno.some(enforcing)) return { level: "pass", why: `Kyverno: ${kyverno.filter(enforcing).length} enforcing policy(ies)` };
		if (kyverno.length > 0) {
			return { level: "warn", why: `Kyverno has ${kyverno.length} policy(ies), all in Audit mode: they report but block nothing` };
		}
		const kinds = ["ClusterPolicy", "Policy", "ConstraintTemplate"] as const;
		const blind = kinds.map((k) => unseen(context, k)).filter((w): w is string => w !== undefined);
		if (blind.length > 0) return { level: "unknown", why: blind.join("; ") };
		const where = context.snapshot.origin === "files" ? " in the files" : "";
		return { level: "fail", why: `no Kyverno policy and no Gatekeeper ConstraintTemplate${where}` };
	});
}

function backupCoverage(context: EvaluationContext): Finding["level"] | "pass" {
	return once(context, "backups", () => {
		const ns = context.snapshot.namespace;
		const covering = context.list("Schedule").items.filter((s) => {
			const spec = (s.spec ?? {}) as {
				paused?: boolean;
				template?: { includedNamespaces?: readonly string[]; excludedNamespaces?: readonly string[] };
			};
			if (spec.paused === true) return false;
			const included = spec.template?.includedNamespaces ?? [];
			const excluded = spec.template?.excludedNamespaces ?? [];
			// Velero: an empty includedNamespaces means every namespace.
			return (included.length === 0 || included.includes("*") || included.includes(ns)) && !excluded.includes(ns);
		});
		if (covering.length > 0) return "pass";
		return unseen(context, "Schedule") === undefined ? "fail" : "unknown";
	});
}

const COMPUTE = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

export const completeEvaluators: Readonly<Record<string, Evaluator>> = {
	"gitops-managed": (workload, context, check) => {
		if (context.snapshot.origin === "files") {
			// Argo CD and Flux mark what they apply at apply time: only the cluster's objects carry it.
			return notApplicable(
				check,
				"how manifests are applied shows only on the objects in the cluster (Argo CD and Flux mark what they apply).",
				"Audit the running namespace (--namespace) to see Argo CD or Flux markers.",
			);
		}
		const meta = workload.object?.metadata ?? workload.pods[0]?.metadata;
		const marker = gitopsMarker(context, { labels: { ...(meta?.labels ?? {}) }, annotations: { ...(meta?.annotations ?? {}) } });
		if (marker !== undefined) return [finding(check, "info", `managed by ${marker}.`)];
		return [
			finding(check, "fail", "carries no Argo CD or Flux marker: it was applied by hand or by a pipeline that drift detection cannot see."),
		];
	},
	"policy-engine": (_workload, context, check) => {
		const engine = policyEngine(context);
		if (engine.level === "pass") return [finding(check, "info", `admission is guarded by ${engine.why}.`)];
		if (engine.level === "unknown") {
			return [finding(check, "unknown", `Policy engines not visible: ${engine.why}.`, { fix: blindFix(context, "ClusterPolicy") })];
		}
		return [finding(check, engine.level, `${engine.why}.`)];
	},
	"backups-scheduled": (_workload, context, check) => {
		const coverage = backupCoverage(context);
		if (coverage === "pass") return [];
		if (coverage === "unknown") {
			return [
				finding(check, "unknown", `Backup schedules not visible: ${unseen(context, "Schedule") ?? "unreadable"}.`, {
					fix: blindFix(context, "Schedule"),
				}),
			];
		}
		const absent = context.list("Schedule").state === "absent";
		return [
			finding(
				check,
				"fail",
				absent
					? "Velero is not installed, so nothing backs this namespace up."
					: `no active Velero Schedule${context.snapshot.origin === "files" ? " in the files" : ""} includes namespace ${context.snapshot.namespace}.`,
			),
		];
	},
	"quota-namespace": (_workload, context, check) => {
		const quotas = context.list("ResourceQuota").items;
		const withCompute = quotas.filter((q) =>
			Object.keys((q.spec as { hard?: object } | undefined)?.hard ?? {}).some((k) => COMPUTE.includes(k)),
		);
		if (withCompute.length > 0) return [];
		if (quotas.length > 0) {
			return [
				finding(check, "warn", `ResourceQuota ${quotas.map((q) => q.metadata.name).join(", ")} limits objects but not CPU or memory.`),
			];
		}
		const blind = unseen(context, "ResourceQuota");
		if (blind !== undefined)
			return [finding(check, "unknown", `Quotas not visible: ${blind}.`, { fix: blindFix(context, "ResourceQuota") })];
		const where = context.snapshot.origin === "files" ? " in the files" : "";
		return [finding(check, "fail", `namespace ${context.snapshot.namespace} has no ResourceQuota${where}.`)];
	},
};
