import type { KubeObject } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import { type Evaluator, finding, once } from "./outcome.ts";
import type { CheckDefinition, ContainerView, Finding, PodSpec, Workload } from "./types.ts";
import { containersOf } from "./workloads.ts";

/**
 * Requests and limits of the workload's own spec. A missing request that the container's own
 * limit fills in (the API does this for Pods) passes with a note. A value only the namespace's
 * LimitRange supplies at admission does not count: the checklist judges the workload, and the
 * default is reported as a note beside the finding.
 */

type Field = "requests" | "limits";
type Resource = "cpu" | "memory";

interface LimitRangeDefaults {
	readonly name: string;
	readonly limits: Readonly<Record<string, unknown>>;
	readonly requests: Readonly<Record<string, unknown>>;
}

function limitRangeDefaults(context: EvaluationContext): LimitRangeDefaults[] {
	return once(context, "limitranges", () =>
		context.list("LimitRange").items.flatMap((lr) => {
			const limits = ((lr.spec ?? {}) as { limits?: readonly Record<string, unknown>[] }).limits ?? [];
			return limits
				.filter((l) => l.type === "Container")
				.map((l) => {
					// As the API defaults a LimitRange item (SetDefaults_LimitRangeItem): default ← max,
					// then defaultRequest ← default, then defaultRequest ← min for what is still unset.
					const defaultLimits = { ...(l.max as object), ...(l.default as object) } as Record<string, unknown>;
					return {
						name: lr.metadata.name,
						limits: defaultLimits,
						requests: { ...(l.min as object), ...defaultLimits, ...(l.defaultRequest as object) } as Record<string, unknown>,
					};
				});
		}),
	);
}

function has(record: Readonly<Record<string, unknown>> | undefined, resource: Resource): boolean {
	const value = record?.[resource];
	return value !== undefined && value !== null && value !== "";
}

function livePodValue(pods: readonly KubeObject[], container: string, field: Field, resource: Resource): boolean {
	for (const pod of pods) {
		const spec = (pod.spec ?? {}) as PodSpec;
		const found = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c) => c.name === container);
		if (found !== undefined) return has(found.resources?.[field], resource);
	}
	return false;
}

function evaluateField(
	check: CheckDefinition,
	workload: Workload,
	context: EvaluationContext,
	field: Field,
	resource: Resource,
	severity: "fail" | "warn",
): Finding[] {
	const findings: Finding[] = [];
	const word = field === "requests" ? "request" : "limit";
	for (const view of containersOf(workload.podSpec)) {
		if (!check.containers.includes(view.cls)) continue;
		const resources = view.spec.resources;
		if (has(resources?.[field], resource)) continue;
		const where = { container: view.name };
		if (field === "requests" && has(resources?.limits, resource)) {
			// The container's own spec says it: the API sets a missing request to the limit.
			findings.push(
				finding(check, "note", `${label(view)}: the ${resource} request defaults to its limit (the API does this for Pods).`, where),
			);
			continue;
		}
		// One-shot init containers count for scheduling but run briefly: a warning, not a failure.
		const level = view.cls === "init" ? "warn" : severity;
		findings.push(finding(check, level, `${label(view)} has no ${resource} ${word}.`, where));
		// The namespace's defaults fill it in at admission; the checklist judges the workload's own
		// spec, which moves with it to the next namespace or cluster. Said beside it, as a note.
		if (workload.fromTemplate && livePodValue(workload.pods, view.name, field, resource)) {
			findings.push(
				finding(check, "note", `${label(view)}: the running pods got a ${resource} ${word} at admission (a LimitRange default).`, where),
			);
			continue;
		}
		const defaults = limitRangeDefaults(context).find((d) => has(field === "requests" ? d.requests : d.limits, resource));
		if (defaults !== undefined) {
			findings.push(
				finding(check, "note", `${label(view)}: LimitRange ${defaults.name} fills in a default ${resource} ${word} at admission.`, {
					...where,
					object: { kind: "LimitRange", name: defaults.name },
				}),
			);
		}
	}
	return findings;
}

export function label(view: ContainerView): string {
	const kind = view.cls === "regular" ? "container" : view.cls === "sidecar" ? "sidecar" : `${view.cls} container`;
	const named = typeof view.spec.name === "string" && view.spec.name !== "";
	return named ? `${kind} "${view.name}"` : `unnamed ${kind} (${view.name})`;
}

export const resourceEvaluators: Readonly<Record<string, Evaluator>> = {
	"resources-requests": (workload, context, check) => [
		...evaluateField(check, workload, context, "requests", "cpu", "fail"),
		...evaluateField(check, workload, context, "requests", "memory", "fail"),
	],
	"resources-memory-limit": (workload, context, check) => evaluateField(check, workload, context, "limits", "memory", "fail"),
	"resources-cpu-limit": (workload, context, check) =>
		evaluateField(check, workload, context, "limits", "cpu", context.options.cpuLimit === "require" ? "fail" : "warn"),
};
