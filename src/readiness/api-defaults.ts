import type { KubeObject } from "./snapshot.ts";

/**
 * The API server's defaults for the fields the checks read, applied to every object before it is
 * judged, so that a manifest and the object a live cluster returns for it get the same verdict.
 * From kubernetes/pkg/apis/*\/v1/defaults.go: probes (timeoutSeconds 1, periodSeconds 10,
 * successThreshold 1, failureThreshold 3; httpGet path "/" and scheme HTTP), `replicas` 1, an
 * HPA's minReplicas 1, a NetworkPolicy's policyTypes (Ingress, plus Egress when it has egress
 * rules). Templates get no Pod-only defaults (requests from limits, LimitRange values): the
 * API server applies those to Pods at admission, never to templates. PodDisruptionBudgets have no
 * defaults: one with neither minAvailable nor maxUnavailable stays so.
 *
 * Mutates in place: readers hand over objects they parsed and own.
 */

type Mutable = Record<string, unknown>;

const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "Rollout", "DeploymentConfig"]);
const LEGACY_SELECTOR = new Set(["extensions/v1beta1", "apps/v1beta1"]);
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

function record(value: unknown): Mutable | undefined {
	return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Mutable) : undefined;
}

function orDefault(target: Mutable, field: string, value: unknown): void {
	const current = target[field];
	// Go's zero values (0, "") are "unset" for these fields, as in the API's defaulting functions.
	if (current === undefined || current === null || current === 0 || current === "") target[field] = value;
}

/** The pod spec of a template-carrying object: spec.template.spec, a CronJob's job template, or a Pod's own spec. */
export function podSpecRecord(object: KubeObject): Mutable | undefined {
	const spec = record(object.spec);
	if (object.kind === "Pod") return spec;
	if (object.kind === "CronJob") return record(record(record(record(spec?.jobTemplate)?.spec)?.template)?.spec);
	return record(record(spec?.template)?.spec);
}

function defaultProbe(probe: Mutable): void {
	orDefault(probe, "timeoutSeconds", 1);
	orDefault(probe, "periodSeconds", 10);
	orDefault(probe, "successThreshold", 1);
	orDefault(probe, "failureThreshold", 3);
	const httpGet = record(probe.httpGet);
	if (httpGet !== undefined) {
		orDefault(httpGet, "path", "/");
		orDefault(httpGet, "scheme", "HTTP");
	}
}

function defaultPodSpec(spec: Mutable): void {
	for (const list of ["containers", "initContainers"]) {
		const containers = spec[list];
		if (!Array.isArray(containers)) continue;
		for (const container of containers) {
			const c = record(container);
			if (c === undefined) continue;
			for (const field of PROBES) {
				const probe = record(c[field]);
				if (probe !== undefined) defaultProbe(probe);
			}
		}
	}
}

export function applyApiDefaults(object: KubeObject): void {
	const spec = record(object.spec);
	if (REPLICATED.has(object.kind) && spec !== undefined && spec.replicas === undefined) spec.replicas = 1;
	if (object.kind === "HorizontalPodAutoscaler" && spec !== undefined) orDefault(spec, "minReplicas", 1);
	if (object.kind === "NetworkPolicy" && spec !== undefined) {
		const types = spec.policyTypes;
		if (!Array.isArray(types) || types.length === 0) {
			const egress = spec.egress;
			spec.policyTypes = Array.isArray(egress) && egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
		}
	}
	if (spec !== undefined && spec.selector === undefined) {
		// An RC, and the workloads of the old extensions/v1beta1 and apps/v1beta1 groups, select
		// their template's labels when they name no selector (apps/v1 requires one).
		const labels = record(record(record(spec.template)?.metadata)?.labels);
		if (labels !== undefined && object.kind === "ReplicationController") spec.selector = { ...labels };
		else if (
			labels !== undefined &&
			LEGACY_SELECTOR.has(object.apiVersion) &&
			(REPLICATED.has(object.kind) || object.kind === "DaemonSet")
		) {
			spec.selector = { matchLabels: { ...labels } };
		}
	}
	const podSpec = podSpecRecord(object);
	if (podSpec !== undefined) defaultPodSpec(podSpec);
}
