import type { Workload } from "./checks/types.ts";
import type { KubeObject } from "./snapshot.ts";

/**
 * What is failing right now, read from Pod status: crash loops, OOM kills, image pulls, config
 * errors and pods the scheduler cannot place. Grouped per workload, container and reason, so 30
 * crashing replicas are one line with a pod count; each links to the lesson that explains it.
 */

export type FailureReason =
	| "OOMKilled"
	| "CrashLoopBackOff"
	| "ImagePullBackOff"
	| "ErrImagePull"
	| "CreateContainerConfigError"
	| "Unschedulable"
	| "Killed";

export interface LiveFailure {
	readonly reason: FailureReason;
	readonly workload: { readonly kind: string; readonly name: string };
	readonly pods: readonly string[];
	readonly container?: string;
	/** Highest restart count among the pods. */
	readonly restarts: number;
	/** The kubelet's or scheduler's own words, when it gave any. */
	readonly message?: string;
	readonly term: string;
	readonly episode: number;
}

const LESSONS: Record<FailureReason, { term: string; episode: number }> = {
	OOMKilled: { term: "oomkilled", episode: 2 },
	Killed: { term: "exit-code-137", episode: 2 },
	CrashLoopBackOff: { term: "crashloopbackoff", episode: 4 },
	ImagePullBackOff: { term: "imagepullbackoff", episode: 4 },
	ErrImagePull: { term: "imagepullbackoff", episode: 4 },
	CreateContainerConfigError: { term: "createcontainerconfigerror", episode: 4 },
	Unschedulable: { term: "pending-pod", episode: 4 },
};

const WAITING: readonly string[] = ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "CreateContainerConfigError"];

interface Terminated {
	readonly reason?: string;
	readonly exitCode?: number;
	readonly message?: string;
}

interface ContainerStatus {
	readonly name: string;
	readonly restartCount?: number;
	readonly state?: { readonly waiting?: { readonly reason?: string; readonly message?: string }; readonly terminated?: Terminated };
	readonly lastState?: { readonly terminated?: Terminated };
}

interface PodStatus {
	readonly phase?: string;
	readonly conditions?: readonly { readonly type: string; readonly status: string; readonly reason?: string; readonly message?: string }[];
	readonly containerStatuses?: readonly ContainerStatus[];
	readonly initContainerStatuses?: readonly ContainerStatus[];
}

interface Raw {
	readonly reason: FailureReason;
	readonly container?: string;
	readonly restarts: number;
	readonly message?: string;
}

type Limited = readonly { name: string; resources?: { limits?: { memory?: string } } }[];

function memoryLimit(pod: KubeObject, container: string): string | undefined {
	const spec = (pod.spec ?? {}) as { containers?: Limited; initContainers?: Limited };
	// Statuses cover init containers and native sidecars too: look their limit up where they are.
	const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
	return all.find((c) => c.name === container)?.resources?.limits?.memory;
}

const NONE: readonly ContainerStatus[] = [];

function allStatuses(status: PodStatus): readonly ContainerStatus[] {
	const init = status.initContainerStatuses ?? NONE;
	const main = status.containerStatuses ?? NONE;
	return init.length === 0 ? main : [...init, ...main];
}

export function podFailures(pod: KubeObject): Raw[] {
	const status = (pod.status ?? {}) as PodStatus;
	const found: Raw[] = [];
	const scheduled = status.conditions?.find((c) => c.type === "PodScheduled");
	if (status.phase === "Pending" && scheduled?.status === "False") {
		found.push({ reason: "Unschedulable", restarts: 0, ...(scheduled.message === undefined ? {} : { message: scheduled.message }) });
	}
	for (const cs of allStatuses(status)) {
		const restarts = cs.restartCount ?? 0;
		const waiting = cs.state?.waiting;
		const last = cs.lastState?.terminated ?? cs.state?.terminated;
		const base = { container: cs.name, restarts };
		if (last?.reason === "OOMKilled") {
			// The root cause beats the symptom: an OOM-killed container in back-off is reported as OOMKilled.
			const limit = memoryLimit(pod, cs.name);
			const parts = [
				"killed by the kernel for exceeding its memory (exit 137)",
				limit === undefined ? "no memory limit set" : `memory limit ${limit}`,
				...(waiting?.reason === "CrashLoopBackOff" ? ["now in CrashLoopBackOff"] : []),
			];
			found.push({ reason: "OOMKilled", ...base, message: parts.join("; ") });
		} else if (waiting?.reason !== undefined && WAITING.includes(waiting.reason)) {
			const message =
				waiting.message ??
				(last?.exitCode === undefined
					? undefined
					: `last exit code ${last.exitCode}${last.reason === undefined ? "" : ` (${last.reason})`}`);
			found.push({ reason: waiting.reason as FailureReason, ...base, ...(message === undefined ? {} : { message }) });
		} else if (last?.exitCode === 137 && restarts > 0) {
			found.push({
				reason: "Killed",
				...base,
				message: "exit 137 (SIGKILL) without OOMKilled: a failed liveness probe, a preemption or a kill from outside",
			});
		}
	}
	return found;
}

export function liveFailures(workloads: readonly Workload[]): LiveFailure[] {
	const groups = new Map<string, { raw: Raw; workload: Workload; pods: string[]; restarts: number }>();
	for (const workload of workloads) {
		for (const pod of workload.pods) {
			for (const raw of podFailures(pod)) {
				const key = `${workload.kind}/${workload.name}/${raw.container ?? ""}/${raw.reason}`;
				const group = groups.get(key);
				if (group === undefined) groups.set(key, { raw, workload, pods: [pod.metadata.name], restarts: raw.restarts });
				else {
					group.pods.push(pod.metadata.name);
					group.restarts = Math.max(group.restarts, raw.restarts);
				}
			}
		}
	}
	return [...groups.values()].map(({ raw, workload, pods, restarts }) => ({
		reason: raw.reason,
		workload: { kind: workload.kind, name: workload.name },
		pods,
		...(raw.container === undefined ? {} : { container: raw.container }),
		restarts,
		...(raw.message === undefined ? {} : { message: raw.message }),
		...LESSONS[raw.reason],
	}));
}
