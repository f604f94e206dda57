import type { KubeObject } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import { blindFix, type Evaluator, finding, once, refOf, unseen } from "./outcome.ts";
import type { Finding, Workload } from "./types.ts";

/**
 * Replica floor and disruption budgets. The floor is the HPA's minReplicas when an HPA scales the
 * workload (not the momentary spec.replicas, which the HPA rewrites), else spec.replicas, which the
 * API defaults to 1. DaemonSets and Jobs are n/a: one pod per node, or run to completion.
 */

export interface Floor {
	/** Undefined when it cannot be known (HPAs unreadable while the workload asks for fewer than 2). */
	readonly value?: number;
	readonly source: string;
	readonly unknown?: string;
}

function hpaFor(context: EvaluationContext, workload: Workload): KubeObject | undefined {
	const index = once(context, "hpa:targets", () => {
		const map = new Map<string, KubeObject>();
		for (const hpa of context.list("HorizontalPodAutoscaler").items) {
			const ref = (hpa.spec as { scaleTargetRef?: { kind?: string; name?: string } } | undefined)?.scaleTargetRef;
			if (ref?.kind !== undefined && ref.name !== undefined) map.set(`${ref.kind}/${ref.name}`, hpa);
		}
		return map;
	});
	return index.get(`${workload.kind}/${workload.name}`);
}

/** The fewest replicas the workload runs with: an HPA's minReplicas (default 1), else spec.replicas (default 1). */
export function replicaFloor(context: EvaluationContext, workload: Workload): Floor {
	const hpa = hpaFor(context, workload);
	if (hpa !== undefined) {
		const min = (hpa.spec as { minReplicas?: number }).minReplicas ?? 1;
		return { value: min, source: `HorizontalPodAutoscaler ${hpa.metadata.name} minReplicas ${min}` };
	}
	if (workload.object === undefined) {
		// An owner we only know from its pods: the running pods are the evidence.
		return { value: workload.pods.length, source: `${workload.pods.length} running pod(s)` };
	}
	const replicas = (workload.object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
	const hpaBlind = unseen(context, "HorizontalPodAutoscaler");
	if (replicas < 2 && hpaBlind !== undefined) {
		return {
			source: `replicas ${replicas}`,
			unknown: `it asks for ${replicas} replica${replicas === 1 ? "" : "s"}, and an HorizontalPodAutoscaler may set a higher floor, but ${hpaBlind}`,
		};
	}
	return { value: replicas, source: `replicas ${replicas}` };
}

interface Budget {
	readonly minAvailable?: number | string;
	readonly maxUnavailable?: number | string;
}

/** A percentage of `count`, rounded up, as the disruption controller scales it (GetScaledValueFromIntOrPercent, roundUp). */
function scaled(value: number | string, count: number): number {
	return typeof value === "number" ? value : Math.ceil((Number.parseInt(value, 10) * count) / 100);
}

/** A budget that allows no eviction whatever the replica count, or undefined. */
function neverAllows(spec: Budget): string | undefined {
	if (spec.minAvailable === undefined && spec.maxUnavailable === undefined) {
		return "sets neither minAvailable nor maxUnavailable, so the disruption controller allows no eviction at all";
	}
	if (spec.maxUnavailable === 0 || spec.maxUnavailable === "0%")
		return `has maxUnavailable ${spec.maxUnavailable}, so it allows no eviction`;
	if (spec.minAvailable === "100%") return "has minAvailable 100%, so it allows no eviction";
	return undefined;
}

/**
 * Evictions the disruption controller allows at `replicas` healthy pods (its updatePdbStatus):
 * desiredHealthy is replicas − maxUnavailable, or minAvailable; both round percentages up; no
 * eviction when neither is set or when nothing is expected.
 */
export function allowedDisruptions(pdb: KubeObject, replicas: number): number {
	const spec = (pdb.spec ?? {}) as Budget;
	if (replicas <= 0 || neverAllows(spec) !== undefined) return 0;
	const desired =
		spec.maxUnavailable !== undefined
			? Math.max(0, replicas - scaled(spec.maxUnavailable, replicas))
			: scaled(spec.minAvailable as number | string, replicas);
	return Math.max(0, replicas - desired);
}

export const replicaEvaluators: Readonly<Record<string, Evaluator>> = {
	"replicas-minimum": (workload, context, check) => {
		if (workload.cls === "Pod") {
			return [
				finding(check, "fail", "is a bare pod: nothing recreates it when its node fails or is drained.", {
					fix: "Run it under a Deployment (or StatefulSet) with 2+ replicas.",
				}),
			];
		}
		const floor = replicaFloor(context, workload);
		if (floor.value === undefined) {
			return [finding(check, "unknown", `Replica floor unknown: ${floor.unknown}.`, { fix: blindFix(context, "HorizontalPodAutoscaler") })];
		}
		if (floor.value >= 2) return [];
		const level = workload.object === undefined ? "warn" : "fail";
		return [finding(check, level, `runs ${floor.value} replica${floor.value === 1 ? "" : "s"} at minimum (${floor.source}).`)];
	},
	"replicas-pdb": (workload, context, check) => {
		const pdbs = context.selecting("PodDisruptionBudget", workload);
		if (pdbs.length === 1) return [];
		if (pdbs.length > 1) {
			const names = pdbs.map((p) => p.metadata.name).join(", ");
			return [
				finding(
					check,
					"fail",
					`is selected by ${pdbs.length} PodDisruptionBudgets (${names}); the eviction API refuses to evict pods with more than one.`,
					{
						fix: "Keep one PodDisruptionBudget per workload.",
						object: refOf(pdbs[0] as KubeObject),
					},
				),
			];
		}
		const blind = unseen(context, "PodDisruptionBudget");
		if (blind !== undefined) {
			return [
				finding(check, "unknown", `Cannot tell whether a PodDisruptionBudget covers it: ${blind}.`, {
					fix: blindFix(context, "PodDisruptionBudget"),
				}),
			];
		}
		const where = context.snapshot.origin === "files" ? " in the files" : "";
		return [finding(check, "fail", `has no PodDisruptionBudget${where} selecting its pods.`)];
	},
	"replicas-pdb-allows-eviction": (workload, context, check) => {
		const pdbs = context.selecting("PodDisruptionBudget", workload);
		if (pdbs.length === 0) return "n/a";
		const floor = replicaFloor(context, workload);
		const findings: Finding[] = [];
		for (const pdb of pdbs) {
			const spec = (pdb.spec ?? {}) as Budget;
			const never = neverAllows(spec);
			if (never !== undefined) {
				findings.push(
					finding(check, "fail", `PodDisruptionBudget ${pdb.metadata.name} ${never}: node drains will hang.`, { object: refOf(pdb) }),
				);
				continue;
			}
			const rule = spec.maxUnavailable !== undefined ? `maxUnavailable ${spec.maxUnavailable}` : `minAvailable ${spec.minAvailable}`;
			if (floor.value === undefined) {
				findings.push(
					finding(
						check,
						"unknown",
						`Whether PodDisruptionBudget ${pdb.metadata.name} (${rule}) allows an eviction depends on the replica floor: ${floor.unknown}.`,
						{
							object: refOf(pdb),
							fix: blindFix(context, "HorizontalPodAutoscaler"),
						},
					),
				);
			} else if (allowedDisruptions(pdb, floor.value) <= 0) {
				findings.push(
					finding(
						check,
						"fail",
						`PodDisruptionBudget ${pdb.metadata.name} (${rule}) allows no eviction at ${floor.value} replica${floor.value === 1 ? "" : "s"} (${floor.source}): node drains will hang.`,
						{ object: refOf(pdb) },
					),
				);
			}
		}
		return findings;
	},
};
