import type { KubeObject } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import { type Evaluator, finding, once, refOf, unseen } from "./outcome.ts";
import type { Finding, Workload } from "./types.ts";

/**
 * Replica floor and disruption budgets. The floor is the HPA's minReplicas when an HPA scales the
 * workload (not the momentary spec.replicas, which the HPA rewrites), else spec.replicas, which the
 * API defaults to 1. DaemonSets and Jobs are n/a: one pod per node, or run to completion.
 */

export interface Floor {
	/** Undefined when it cannot be known (HPAs unreadable, replicas omitted in files). */
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
	const replicas = (workload.object.spec as { replicas?: number } | undefined)?.replicas;
	const hpaBlind = unseen(context, "HorizontalPodAutoscaler");
	if (replicas === undefined && hpaBlind !== undefined) {
		return {
			source: "replicas omitted",
			unknown: `replicas is omitted, as it is for HPA-scaled workloads, and HPAs are not visible: ${hpaBlind}`,
		};
	}
	const value = replicas ?? 1;
	if (value < 2 && hpaBlind !== undefined && context.snapshot.origin === "live") {
		return { value, source: `replicas ${value}`, unknown: `an HPA may raise the floor, but ${hpaBlind}` };
	}
	return { value, source: replicas === undefined ? "replicas omitted (defaults to 1)" : `replicas ${value}` };
}

/** Pods a PDB lets the eviction API remove at the given replica count (percentages round up, as the disruption controller does). */
export function allowedDisruptions(pdb: KubeObject, replicas: number): number {
	const spec = (pdb.spec ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string };
	const scaled = (value: number | string) => (typeof value === "number" ? value : Math.ceil((Number.parseFloat(value) * replicas) / 100));
	if (spec.maxUnavailable !== undefined) return scaled(spec.maxUnavailable);
	if (spec.minAvailable !== undefined) return replicas - scaled(spec.minAvailable);
	// Neither set: policy/v1 treats it as minAvailable 1.
	return replicas - 1;
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
		if (floor.value === undefined) return [finding(check, "unknown", `Replica floor unknown: ${floor.unknown}.`)];
		const findings: Finding[] = [];
		if (floor.value < 2) {
			const level = workload.object === undefined ? "warn" : "fail";
			findings.push(finding(check, level, `runs ${floor.value} replica${floor.value === 1 ? "" : "s"} at minimum (${floor.source}).`));
		}
		if (floor.unknown !== undefined) findings.push(finding(check, "unknown", `${floor.unknown}.`));
		return findings;
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
		if (blind !== undefined) return [finding(check, "unknown", `Cannot tell whether a PodDisruptionBudget covers it: ${blind}.`)];
		return [finding(check, "fail", "has no PodDisruptionBudget selecting its pods.")];
	},
	"replicas-pdb-allows-eviction": (workload, context, check) => {
		const pdbs = context.selecting("PodDisruptionBudget", workload);
		if (pdbs.length === 0) return "n/a";
		const floor = replicaFloor(context, workload);
		const findings: Finding[] = [];
		for (const pdb of pdbs) {
			const spec = (pdb.spec ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string };
			const rule = spec.maxUnavailable !== undefined ? `maxUnavailable ${spec.maxUnavailable}` : `minAvailable ${spec.minAvailable ?? 1}`;
			const zeroAlways = spec.maxUnavailable === 0 || spec.maxUnavailable === "0%" || spec.minAvailable === "100%";
			const allowed = floor.value === undefined ? undefined : allowedDisruptions(pdb, floor.value);
			if (zeroAlways || (allowed !== undefined && allowed <= 0)) {
				findings.push(
					finding(
						check,
						"fail",
						`PodDisruptionBudget ${pdb.metadata.name} (${rule}) allows no eviction at ${floor.value ?? "any"} replica(s): drains will hang.`,
						{
							object: refOf(pdb),
						},
					),
				);
			}
		}
		return findings;
	},
};
