/** Applicability sets and links shared by the check definitions. */
import type { WorkloadClass } from "./types.ts";

export const LONG_RUNNING: readonly WorkloadClass[] = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod", "Controller"];
export const ALL: readonly WorkloadClass[] = [...LONG_RUNNING, "Job", "CronJob"];
export const REPLICATED: readonly WorkloadClass[] = ["Deployment", "StatefulSet", "ReplicaSet", "Pod", "Controller"];
export const K8S = "https://kubernetes.io/docs";
