import type { KubeObject } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import { type Evaluator, finding, once } from "./outcome.ts";
import type { CheckDefinition, ContainerView, Finding, PodSpec, Workload } from "./types.ts";
import { containersOf } from "./workloads.ts";

/**
 * Requests and limits, as the pods will really get them. The API fills in Pods but not templates:
 * a missing request defaults to the container's own limit, and a LimitRange's defaults fill what
 * is still missing at admission. A template that relies on them passes with a note saying so.
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
	let missing = false;
	for (const view of containersOf(workload.podSpec)) {
		if (!check.containers.includes(view.cls)) continue;
		const resources = view.spec.resources;
		if (has(resources?.[field], resource)) continue;
		const where = { container: view.name };
		if (field === "requests" && has(resources?.limits, resource)) {
			findings.push(
				finding(check, "note", `${label(view)}: the ${resource} request defaults to its limit (the API does this for Pods).`, where),
			);
			continue;
		}
		if (workload.fromTemplate && livePodValue(workload.pods, view.name, field, resource)) {
			findings.push(
				finding(
					check,
					"note",
					`${label(view)}: the running pods have a ${resource} ${word} set at admission (a LimitRange default); the manifest has none.`,
					where,
				),
			);
			continue;
		}
		const defaults = limitRangeDefaults(context).find((d) => has(field === "requests" ? d.requests : d.limits, resource));
		if (defaults !== undefined) {
			findings.push(
				finding(check, "note", `${label(view)}: no ${resource} ${word}; LimitRange ${defaults.name} fills in its default at admission.`, {
					...where,
					object: { kind: "LimitRange", name: defaults.name },
				}),
			);
			continue;
		}
		// One-shot init containers count for scheduling but run briefly: a warning, not a failure.
		const level = view.cls === "init" ? "warn" : severity;
		findings.push(finding(check, level, `${label(view)} has no ${resource} ${word}.`, where));
		missing = true;
	}
	const lr = context.list("LimitRange");
	// Once per resource and field, not per container: it is one fact about the namespace.
	if (missing && lr.state !== "listed" && lr.state !== "absent" && workload.pods.length === 0) {
		findings.push(
			finding(
				check,
				"note",
				`LimitRanges could not be seen (${lr.state}${lr.reason === undefined ? "" : `: ${lr.reason}`}); a default there would fill the ${resource} ${word} in.`,
			),
		);
	}
	return findings;
}

export function label(view: ContainerView): string {
	const kind = view.cls === "regular" ? "container" : view.cls === "sidecar" ? "sidecar" : `${view.cls} container`;
	return `${kind} "${view.name}"`;
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
