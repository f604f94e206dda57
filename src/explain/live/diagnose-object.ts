import type { LiveObject, ObjectEvent } from "../../ports/object-reader.ts";
import type { KubeObject } from "../../readiness/snapshot.ts";

/**
 * What is failing right now in a live pod or deployment, named the way the lessons name it: the
 * root cause before the symptom (OOMKilled before the CrashLoopBackOff it causes), the kubelet's
 * or scheduler's own words kept, and the glossary term that explains each finding.
 */
export interface LiveFinding {
	/** What is wrong, as kubectl shows it: "OOMKilled", "CrashLoopBackOff", "Pending", "Readiness probe failing". */
	readonly problem: string;
	/** The glossary id of the lesson that explains it. */
	readonly term: string;
	readonly pod?: string;
	readonly container?: string;
	/** One line of detail: the message, the exit code, the limit, the restarts. */
	readonly detail: string;
	readonly restarts: number;
}

export interface LiveDiagnosis {
	/** "1/3 pods ready" for a deployment, the phase and readiness for a pod. */
	readonly summary: string;
	/** Worst first; empty when nothing is failing now. */
	readonly findings: readonly LiveFinding[];
}

interface Terminated {
	readonly reason?: string;
	readonly exitCode?: number;
	readonly message?: string;
}

interface ContainerStatus {
	readonly name: string;
	readonly ready?: boolean;
	readonly restartCount?: number;
	readonly state?: {
		readonly waiting?: { readonly reason?: string; readonly message?: string };
		readonly terminated?: Terminated;
		readonly running?: unknown;
	};
	readonly lastState?: { readonly terminated?: Terminated };
}

interface PodStatus {
	readonly phase?: string;
	readonly reason?: string;
	readonly message?: string;
	readonly conditions?: readonly { readonly type: string; readonly status: string; readonly reason?: string; readonly message?: string }[];
	readonly containerStatuses?: readonly ContainerStatus[];
	readonly initContainerStatuses?: readonly ContainerStatus[];
}

type Containers = readonly { readonly name: string; readonly resources?: { readonly limits?: { readonly memory?: string } } }[];

// Worst first: what stops a pod from running at all, then what restarts it, then what keeps it from traffic.
const SEVERITY: readonly string[] = [
	"OOMKilled",
	"Killed (exit 137)",
	"ImagePullBackOff",
	"ErrImagePull",
	"CreateContainerConfigError",
	"Pending",
	"Evicted",
	"Multi-Attach",
	"Volume not mounted",
	"CrashLoopBackOff",
	"Liveness probe failing",
	"Startup probe failing",
	"Readiness probe failing",
	"Stuck terminating",
	"Rollout stalled",
	"Pods not created",
];

export function diagnoseObject(live: LiveObject, now: Date): LiveDiagnosis {
	const findings = [...live.pods.flatMap((pod) => podFindings(pod, eventsOf(live.events, pod.metadata.name), now))];
	if (live.ref.kind === "Deployment") findings.push(...deploymentFindings(live));
	const ranked = dedupe(findings).sort((a, b) => rank(a) - rank(b) || b.restarts - a.restarts);
	return { summary: summary(live), findings: ranked };
}

function rank(finding: LiveFinding): number {
	const at = SEVERITY.indexOf(finding.problem);
	return at < 0 ? SEVERITY.length : at;
}

function eventsOf(events: readonly ObjectEvent[], name: string): ObjectEvent[] {
	return events.filter((e) => e.object.name === name);
}

function podFindings(pod: KubeObject, events: readonly ObjectEvent[], now: Date): LiveFinding[] {
	const status = (pod.status ?? {}) as PodStatus;
	const name = pod.metadata.name;
	const found: LiveFinding[] = [];
	const at = { pod: name };
	if (status.reason === "Evicted") {
		found.push({
			problem: "Evicted",
			term: "node-pressure-eviction",
			...at,
			detail: status.message ?? "evicted by the kubelet",
			restarts: 0,
		});
		return found;
	}
	const scheduled = status.conditions?.find((c) => c.type === "PodScheduled");
	if (status.phase === "Pending" && scheduled?.status === "False") {
		const said = latest(events, "FailedScheduling")?.message ?? scheduled.message ?? "the scheduler found no node for it";
		const volumes = /persistentvolumeclaim|volume/i.test(said);
		found.push({ problem: "Pending", term: volumes ? "persistent-volume-claim" : "pending-pod", ...at, detail: said, restarts: 0 });
	}
	const deleting = (pod.metadata as { deletionTimestamp?: unknown }).deletionTimestamp;
	if (typeof deleting === "string") {
		const grace = Number((pod.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ?? 30);
		const overdue = (now.getTime() - Date.parse(deleting)) / 1000;
		if (overdue > grace + 60) {
			found.push({
				problem: "Stuck terminating",
				term: "graceful-shutdown",
				...at,
				detail: `deleted ${Math.round(overdue)} s ago, grace period ${grace} s`,
				restarts: 0,
			});
		}
	}
	const attach = latest(events, "FailedAttachVolume") ?? latest(events, "FailedMount");
	if (attach && /Multi-Attach/i.test(attach.message))
		found.push({ problem: "Multi-Attach", term: "multi-attach-error", ...at, detail: attach.message, restarts: 0 });
	else if (attach && status.phase === "Pending") {
		const secret = /secret|configmap/i.test(attach.message);
		found.push({
			problem: "Volume not mounted",
			term: secret ? "createcontainerconfigerror" : "persistent-volume-claim",
			...at,
			detail: attach.message,
			restarts: 0,
		});
	}
	const spec = (pod.spec ?? {}) as { containers?: Containers; initContainers?: Containers };
	for (const cs of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
		found.push(...containerFindings(cs, [...(spec.containers ?? []), ...(spec.initContainers ?? [])], name));
	}
	found.push(...probeFindings(events, name, status));
	return found;
}

function containerFindings(cs: ContainerStatus, containers: Containers, pod: string): LiveFinding[] {
	const restarts = cs.restartCount ?? 0;
	const at = { pod, container: cs.name };
	const waiting = cs.state?.waiting;
	const last = cs.lastState?.terminated ?? cs.state?.terminated;
	const limit = containers.find((c) => c.name === cs.name)?.resources?.limits?.memory;
	const found: LiveFinding[] = [];
	if (last?.reason === "OOMKilled") {
		const parts = [
			"killed by the kernel for exceeding its memory (exit 137)",
			limit === undefined ? "no memory limit set" : `memory limit ${limit}`,
			`${restarts} restarts`,
			...(waiting?.reason === "CrashLoopBackOff" ? ["now in CrashLoopBackOff"] : []),
		];
		found.push({ problem: "OOMKilled", term: "oomkilled", ...at, detail: parts.join("; "), restarts });
	} else if (last?.exitCode === 137 && restarts > 0) {
		found.push({
			problem: "Killed (exit 137)",
			term: "exit-code-137",
			...at,
			detail: `exit 137 (SIGKILL) without OOMKilled; ${restarts} restarts`,
			restarts,
		});
	}
	const reason = waiting?.reason;
	if (reason === "ImagePullBackOff" || reason === "ErrImagePull" || reason === "InvalidImageName") {
		found.push({
			problem: reason === "ErrImagePull" ? "ErrImagePull" : "ImagePullBackOff",
			term: "imagepullbackoff",
			...at,
			detail: waiting?.message ?? reason,
			restarts,
		});
	} else if (reason === "CreateContainerConfigError" || reason === "CreateContainerError") {
		found.push({
			problem: "CreateContainerConfigError",
			term: "createcontainerconfigerror",
			...at,
			detail: waiting?.message ?? reason,
			restarts,
		});
	} else if (reason === "CrashLoopBackOff" && found.length === 0) {
		const exit = last?.exitCode === undefined ? "" : `last exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ""}; `;
		found.push({ problem: "CrashLoopBackOff", term: "crashloopbackoff", ...at, detail: `${exit}${restarts} restarts`, restarts });
	}
	return found;
}

function probeFindings(events: readonly ObjectEvent[], pod: string, status: PodStatus): LiveFinding[] {
	const found: LiveFinding[] = [];
	const unhealthy = events.filter((e) => e.reason === "Unhealthy" || e.reason === "Killing");
	const kinds = [
		{ word: "Liveness", problem: "Liveness probe failing", term: "liveness-probe" },
		{ word: "Startup", problem: "Startup probe failing", term: "startup-probe" },
		{ word: "Readiness", problem: "Readiness probe failing", term: "readiness-probe" },
	];
	for (const kind of kinds) {
		const event = unhealthy.find(
			(e) => e.message.includes(`${kind.word} probe failed`) || e.message.includes(`failed ${kind.word.toLowerCase()} probe`),
		);
		if (!event) continue;
		const restarts = Math.max(0, ...(status.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
		found.push({ problem: kind.problem, term: kind.term, pod, detail: `${event.message} (${event.count}×)`, restarts });
	}
	return found;
}

function deploymentFindings(live: LiveObject): LiveFinding[] {
	const status = (live.object.status ?? {}) as PodStatus;
	const found: LiveFinding[] = [];
	const progressing = status.conditions?.find((c) => c.type === "Progressing");
	if (progressing?.reason === "ProgressDeadlineExceeded") {
		found.push({
			problem: "Rollout stalled",
			term: "rolling-update",
			detail: progressing.message ?? "the rollout exceeded its progress deadline",
			restarts: 0,
		});
	}
	const failedCreate = live.events.find((e) => e.reason === "FailedCreate");
	const replicaFailure = status.conditions?.find((c) => c.type === "ReplicaFailure" && c.status === "True");
	const message = failedCreate?.message ?? replicaFailure?.message;
	if (message) found.push({ problem: "Pods not created", term: createFailureTerm(message), detail: message, restarts: 0 });
	return found;
}

/** Why a ReplicaSet could not create pods, by the admission message it got. */
function createFailureTerm(message: string): string {
	if (/exceeded quota|failed quota|must specify/i.test(message)) return "resourcequota";
	if (/maximum .* usage per|minimum .* usage per|limitrange/i.test(message)) return "limitrange";
	if (/serviceaccount/i.test(message)) return "service-account";
	if (/admission webhook|denied the request/i.test(message)) return "admission-controller";
	if (/forbidden/i.test(message)) return "forbidden-error";
	return "deployment";
}

function latest(events: readonly ObjectEvent[], reason: string): ObjectEvent | undefined {
	return events.find((e) => e.reason === reason);
}

/** The same problem in the same container of several pods is one finding (the first pod named). */
function dedupe(findings: readonly LiveFinding[]): LiveFinding[] {
	const seen = new Map<string, LiveFinding>();
	for (const finding of findings) {
		const key = `${finding.problem}/${finding.container ?? ""}`;
		const kept = seen.get(key);
		if (!kept || finding.restarts > kept.restarts) seen.set(key, finding);
	}
	return [...seen.values()];
}

function summary(live: LiveObject): string {
	if (live.ref.kind === "Pod") {
		const status = (live.object.status ?? {}) as PodStatus;
		const ready = status.conditions?.find((c) => c.type === "Ready")?.status === "True";
		return `${status.phase ?? "Unknown"}${status.phase === "Running" ? (ready ? ", ready" : ", not ready") : ""}`;
	}
	const desired = Number((live.object.spec as { replicas?: number } | undefined)?.replicas ?? 1);
	const ready = live.pods.filter((pod) =>
		((pod.status ?? {}) as PodStatus).conditions?.some((c) => c.type === "Ready" && c.status === "True"),
	).length;
	return `${ready}/${desired} pods ready`;
}
