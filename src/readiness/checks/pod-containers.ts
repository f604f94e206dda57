import type { ContainerView, PodSpec, Workload } from "./types.ts";
import { containersOf } from "./workloads.ts";

/**
 * The containers a security check judges, each with the pod spec its securityContext inherits
 * from. Templates never hold ephemeral containers: `kubectl debug` adds them to live pods, where
 * they stay until the pod is replaced, and Pod Security admission judges them like any other.
 * So a controller's live pods are searched for them too (one entry per container name).
 */
export interface JudgedContainer {
	readonly view: ContainerView;
	readonly podSpec: PodSpec;
	/** The live pod that carries it, for ephemeral containers found on pods. */
	readonly pod?: string;
}

export function judgedContainers(workload: Workload): JudgedContainer[] {
	const judged: JudgedContainer[] = containersOf(workload.podSpec).map((view) => ({ view, podSpec: workload.podSpec }));
	if (!workload.fromTemplate) {
		const pod = workload.pods[0]?.metadata.name;
		return judged.map((j) => (j.view.cls === "ephemeral" && pod !== undefined ? { ...j, pod } : j));
	}
	const seen = new Set<string>();
	for (const pod of workload.pods) {
		const spec = (pod.spec ?? {}) as PodSpec;
		for (const view of containersOf({ ephemeralContainers: spec.ephemeralContainers ?? [] })) {
			if (seen.has(view.name)) continue;
			seen.add(view.name);
			judged.push({ view, podSpec: spec, pod: pod.metadata.name });
		}
	}
	return judged;
}
