import type { KubeObject } from "../snapshot.ts";

/** Checklist item ids, as in the course pack's checklist.yaml. */
export const CORE_ITEMS = ["resources", "health", "rbac", "replicas", "observability", "security"] as const;
export const COMPLETE_ITEMS = [...CORE_ITEMS, "gitops", "policy", "backups", "quota"] as const;
export type ItemId = (typeof COMPLETE_ITEMS)[number];
export type Profile = "core" | "complete";

export function itemsOf(profile: Profile): readonly ItemId[] {
	return profile === "core" ? CORE_ITEMS : COMPLETE_ITEMS;
}

/** The verdict of one item for one workload. `n/a` is its own verdict, never a pass. */
export type ItemStatus = "pass" | "warn" | "fail" | "unknown" | "n/a";

/**
 * A finding's level. `note`: the item passes with a caveat worth reading (a default the API fills
 * in, an exemption that was ignored); `info`: the evidence behind a pass (which ServiceMonitor
 * scrapes it), kept in JSON, left out of terminal and chat output.
 */
export type FindingLevel = "fail" | "warn" | "unknown" | "note" | "info";

/**
 * Workload classes a check applies to. `Controller` is every other kind that runs pods: a
 * ReplicationController, an Argo Rollout, an OpenShift DeploymentConfig, a custom kind with a pod
 * template, or an owner met only through ownerReferences (then judged from its pods). All are
 * judged like a Deployment.
 */
export type WorkloadClass = "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" | "CronJob" | "Pod" | "Controller";

/** How the API treats a container: `sidecar` is an init container with restartPolicy Always. */
export type ContainerClass = "regular" | "init" | "sidecar" | "ephemeral";

/** A check as data: what it is about, where it applies, how to fix it and which lesson teaches it. */
export interface CheckDefinition {
	readonly id: string;
	readonly item: ItemId;
	/** The level of a finding when the check is not met. */
	readonly severity: "fail" | "warn";
	readonly appliesTo: readonly WorkloadClass[];
	/** Container classes it looks at; empty for pod- or workload-level checks. */
	readonly containers: readonly ContainerClass[];
	readonly title: string;
	/** What a failure means, in one sentence. */
	readonly message: string;
	readonly fix: string;
	readonly episode: number;
	/** Glossary id, so that a finding links to `/explain <term>`. */
	readonly term: string;
	/** Upstream documentation, used as SARIF helpUri. */
	readonly docs: string;
}

/** Where an object came from when it was read from files. */
export interface ObjectRef {
	readonly kind: string;
	readonly name: string;
}

export interface Finding {
	readonly check: string;
	readonly level: FindingLevel;
	readonly message: string;
	readonly fix?: string;
	readonly container?: string;
	/** The object the finding is about when it is not the workload (a PDB, a RoleBinding). */
	readonly object?: ObjectRef;
	readonly term: string;
	readonly episode: number;
}

export interface Exemption {
	readonly reason: string;
	/** As written in the annotation (YYYY-MM-DD, valid through that day UTC, or an ISO date-time). */
	readonly expires?: string;
}

export interface ItemResult {
	readonly status: ItemStatus;
	readonly findings: readonly Finding[];
	/** Present when an annotation exempts the item: the status above is still the real verdict. */
	readonly exempt?: Exemption;
}

/** A container with the class the API gives it. */
export interface ContainerView {
	readonly name: string;
	readonly cls: ContainerClass;
	readonly spec: Container;
}

/** The parts of a PodSpec the checks read; everything else passes through untyped. */
export interface PodSpec {
	readonly containers?: readonly Container[];
	readonly initContainers?: readonly Container[];
	readonly ephemeralContainers?: readonly Container[];
	readonly securityContext?: PodSecurityContext;
	readonly serviceAccountName?: string;
	readonly serviceAccount?: string;
	readonly automountServiceAccountToken?: boolean;
	readonly hostNetwork?: boolean;
	readonly hostPID?: boolean;
	readonly hostIPC?: boolean;
}

export interface Container {
	/** Required by the API; a manifest may still lack it. */
	readonly name?: string;
	readonly image?: string;
	readonly restartPolicy?: string;
	readonly resources?: {
		readonly requests?: Readonly<Record<string, string | number>>;
		readonly limits?: Readonly<Record<string, string | number>>;
	};
	readonly livenessProbe?: unknown;
	readonly readinessProbe?: unknown;
	readonly startupProbe?: unknown;
	readonly securityContext?: ContainerSecurityContext;
}

export interface PodSecurityContext {
	readonly runAsNonRoot?: boolean;
	readonly runAsUser?: number;
	readonly runAsGroup?: number;
}

export interface ContainerSecurityContext extends PodSecurityContext {
	readonly privileged?: boolean;
	readonly allowPrivilegeEscalation?: boolean;
	readonly readOnlyRootFilesystem?: boolean;
	readonly capabilities?: { readonly add?: readonly string[]; readonly drop?: readonly string[] };
}

/**
 * One workload: the top owner of a set of pods (or a controller with no pods yet). Pods of
 * 30 replicas belong to one workload, so they give one finding.
 */
export interface Workload {
	readonly kind: string;
	readonly cls: WorkloadClass;
	readonly name: string;
	readonly namespace: string;
	/** The controller object, or the pod itself for a bare pod; absent for an owner known only from ownerReferences. */
	readonly object?: KubeObject;
	/** Labels the workload's pods carry (template labels, or a sample pod's). */
	readonly podLabels: Readonly<Record<string, string>>;
	readonly podAnnotations: Readonly<Record<string, string>>;
	/** The template's spec, or a sample pod's spec when there is no template. */
	readonly podSpec: PodSpec;
	/** True when podSpec is a template: the API's Pod defaults (requests from limits, LimitRange) are not applied yet. */
	readonly fromTemplate: boolean;
	/** Live pods owned by this workload (through ReplicaSets and Jobs). */
	readonly pods: readonly KubeObject[];
}
