import type { KubeObject } from "../snapshot.ts";
import { podTemplate } from "./workloads.ts";

/**
 * Objects the API server (and so kubectl) would refuse, found where a mistake changes a verdict:
 * label selectors. `podSelector: {app: x}` without `matchLabels` is refused by strict field
 * validation; read loosely it would be an empty selector that selects every pod. So an invalid
 * selector selects nothing, and the object is reported as invalid. Live objects passed the API's
 * validation, so this only ever finds something in files (and in loosely validated CRDs).
 */

export interface Invalid {
	readonly object: KubeObject;
	/** What is wrong and how to write it, in one sentence. */
	readonly problem: string;
}

const OPERATORS = new Set(["In", "NotIn", "Exists", "DoesNotExist"]);
const SELECTOR_FIELDS = new Set(["matchLabels", "matchExpressions"]);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A map of label keys to string values: a Service's selector, matchLabels, an RC's selector. */
export function labelMapProblem(value: unknown, path: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isRecord(value)) return `${path} must be a map of labels`;
	for (const [key, label] of Object.entries(value)) {
		if (typeof label !== "string") {
			return `${path}.${key} is ${JSON.stringify(label)}, not a string; label values are strings (quote it: "${String(label)}")`;
		}
	}
	return undefined;
}

/** A metav1.LabelSelector: only matchLabels and matchExpressions, with valid operators and values. */
export function labelSelectorProblem(value: unknown, path: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isRecord(value)) return `${path} must be a label selector (matchLabels and/or matchExpressions)`;
	const unknown = Object.keys(value).filter((key) => !SELECTOR_FIELDS.has(key));
	if (unknown.length > 0) {
		const fields = unknown.map((key) => `"${key}"`).join(", ");
		return `${path} has ${unknown.length === 1 ? "a field" : "fields"} kubectl does not know (${fields}); labels to match go under ${path}.matchLabels`;
	}
	const labels = labelMapProblem(value.matchLabels, `${path}.matchLabels`);
	if (labels !== undefined) return labels;
	const expressions = value.matchExpressions;
	if (expressions === undefined || expressions === null) return undefined;
	if (!Array.isArray(expressions)) return `${path}.matchExpressions must be a list`;
	for (const [index, expression] of expressions.entries()) {
		const at = `${path}.matchExpressions[${index}]`;
		if (!isRecord(expression) || typeof expression.key !== "string" || expression.key === "") return `${at} needs a key`;
		const operator = expression.operator;
		if (typeof operator !== "string" || !OPERATORS.has(operator)) {
			return `${at} has operator ${JSON.stringify(operator)}; use In, NotIn, Exists or DoesNotExist`;
		}
		const values = expression.values;
		const count = Array.isArray(values) ? values.length : 0;
		if ((operator === "In" || operator === "NotIn") && count === 0) return `${at} (${operator}) needs at least one value`;
		if ((operator === "Exists" || operator === "DoesNotExist") && count > 0) return `${at} (${operator}) must not list values`;
		if (Array.isArray(values) && values.some((v) => typeof v !== "string")) return `${at} values must be strings`;
	}
	return undefined;
}

interface Peer {
	readonly podSelector?: unknown;
	readonly namespaceSelector?: unknown;
}

function networkPolicyProblem(spec: Record<string, unknown>): string | undefined {
	const own = labelSelectorProblem(spec.podSelector, "spec.podSelector");
	if (own !== undefined) return own;
	for (const [direction, peersField] of [
		["ingress", "from"],
		["egress", "to"],
	] as const) {
		const rules = spec[direction];
		if (!Array.isArray(rules)) continue;
		for (const [r, rule] of rules.entries()) {
			const peers = isRecord(rule) ? rule[peersField] : undefined;
			if (!Array.isArray(peers)) continue;
			for (const [p, peer] of (peers as Peer[]).entries()) {
				const at = `spec.${direction}[${r}].${peersField}[${p}]`;
				const problem =
					labelSelectorProblem(peer?.podSelector, `${at}.podSelector`) ??
					labelSelectorProblem(peer?.namespaceSelector, `${at}.namespaceSelector`);
				if (problem !== undefined) return problem;
			}
		}
	}
	return undefined;
}

/** A pod spec needs at least one container (a patch file read on its own has none). */
function containersProblem(podSpec: unknown, path: string): string | undefined {
	const containers = isRecord(podSpec) ? podSpec.containers : undefined;
	return Array.isArray(containers) && containers.length > 0 ? undefined : `${path}.containers is required: the pod spec has no container`;
}

/** A workload's selector must be valid and select its own template (the API refuses it otherwise). */
function workloadProblem(object: KubeObject, spec: Record<string, unknown>): string | undefined {
	const template = isRecord(spec.template) ? spec.template : undefined;
	const noContainers = containersProblem(template?.spec, "spec.template.spec");
	if (noContainers !== undefined && (template !== undefined || object.kind !== "Rollout")) return noContainers;
	const mapSelector = object.kind === "ReplicationController" || object.kind === "DeploymentConfig";
	if (spec.selector === undefined && object.apiVersion.startsWith("apps/") && !LEGACY.has(object.apiVersion)) {
		return "spec.selector is required (apps/v1 no longer takes it from the template's labels)";
	}
	const problem = mapSelector ? labelMapProblem(spec.selector, "spec.selector") : labelSelectorProblem(spec.selector, "spec.selector");
	if (problem !== undefined) return problem;
	const selector = spec.selector;
	const labels = podTemplate(object)?.labels ?? {};
	if (!isRecord(selector)) return undefined;
	const required = (mapSelector ? selector : selector.matchLabels) as Record<string, unknown> | undefined;
	const missing = Object.entries(required ?? {}).find(([key, value]) => labels[key] !== value);
	if (missing !== undefined) {
		return `spec.selector requires ${missing[0]}=${String(missing[1])} but the pod template's labels do not carry it, so the API refuses the object ("selector does not match template labels")`;
	}
	return undefined;
}

const LEGACY = new Set(["apps/v1beta1"]);
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Rollout", "DeploymentConfig"]);

/** Why the API would refuse the object, or undefined when it would accept it (as far as selectors go). */
export function objectProblem(object: KubeObject): string | undefined {
	const spec = isRecord(object.spec) ? object.spec : {};
	switch (object.kind) {
		case "PodDisruptionBudget":
			return labelSelectorProblem(spec.selector, "spec.selector") ?? pdbProblem(spec);
		case "NetworkPolicy":
			return networkPolicyProblem(spec);
		case "ServiceMonitor":
		case "PodMonitor":
			return labelSelectorProblem(spec.selector, "spec.selector");
		case "Service":
			return labelMapProblem(spec.selector, "spec.selector");
		case "Pod":
			return containersProblem(spec, "spec");
		case "Job":
			return containersProblem(isRecord(spec.template) ? spec.template.spec : undefined, "spec.template.spec");
		case "CronJob": {
			const job = isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
			return containersProblem(isRecord(job.template) ? job.template.spec : undefined, "spec.jobTemplate.spec.template.spec");
		}
		default:
			return WORKLOADS.has(object.kind) ? workloadProblem(object, spec) : undefined;
	}
}

function pdbProblem(spec: Record<string, unknown>): string | undefined {
	if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
		return "sets both minAvailable and maxUnavailable; the API accepts only one of them";
	}
	for (const field of ["minAvailable", "maxUnavailable"] as const) {
		const value = spec[field];
		if (value === undefined) continue;
		const percent = typeof value === "string" && /^\d+%$/.test(value) ? Number.parseInt(value, 10) : undefined;
		const valid = (typeof value === "number" && Number.isInteger(value) && value >= 0) || (percent !== undefined && percent <= 100);
		if (!valid) return `spec.${field} is ${JSON.stringify(value)}; use a whole number or a percentage such as "50%"`;
	}
	return undefined;
}
