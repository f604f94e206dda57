import type { KubeObject, NamespaceSnapshot, SnapshotKind } from "../snapshot.ts";
import type { Container, ContainerView, PodSpec, Workload, WorkloadClass } from "./types.ts";

/**
 * Owner resolution: Pod → ReplicaSet → Deployment and Pod → Job → CronJob through controller
 * ownerReferences, so that the pods of one workload give one verdict. Bare pods are their own
 * workload; an owner kind we do not know (an Argo Rollout, an operator's CR) becomes a workload
 * judged from its pods. Linear in the number of objects.
 */

const CONTROLLER_KINDS = [
	"Deployment",
	"StatefulSet",
	"DaemonSet",
	"ReplicaSet",
	"ReplicationController",
	"Rollout",
	"DeploymentConfig",
	"Job",
	"CronJob",
] as const;
const KIND_ORDER: readonly string[] = [...CONTROLLER_KINDS, "Pod"];
/** Kinds with a class of their own; every other controller (RCs, Rollouts, custom kinds) is judged like a Deployment. */
const CLASSED: readonly string[] = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

interface Ref {
	readonly kind: string;
	readonly name: string;
}

export function controllerRef(object: KubeObject): Ref | undefined {
	const refs = object.metadata.ownerReferences ?? [];
	const ref = refs.find((r) => r.controller === true) ?? (refs.length === 1 ? refs[0] : undefined);
	return ref === undefined ? undefined : { kind: ref.kind, name: ref.name };
}

export function workloadClass(kind: string): WorkloadClass {
	return CLASSED.includes(kind) ? (kind as WorkloadClass) : "Controller";
}

interface Template {
	readonly labels: Readonly<Record<string, string>>;
	readonly annotations: Readonly<Record<string, string>>;
	readonly spec: PodSpec;
}

interface TemplateShape {
	metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
	spec?: PodSpec;
}

/** The pod template of a controller (CronJobs nest it one level deeper), or undefined when it has none. */
export function podTemplate(object: KubeObject): Template | undefined {
	const spec = object.spec as { template?: TemplateShape; jobTemplate?: { spec?: { template?: TemplateShape } } } | undefined;
	const template = object.kind === "CronJob" ? spec?.jobTemplate?.spec?.template : spec?.template;
	if (typeof template !== "object" || template === null) return undefined;
	return {
		labels: template.metadata?.labels ?? {},
		annotations: template.metadata?.annotations ?? {},
		spec: template.spec ?? {},
	};
}

/** Whether a custom kind carries a pod template (an Argo Rollout, an OpenShift DeploymentConfig, a Knative Service). */
export function hasPodTemplate(object: KubeObject): boolean {
	return Array.isArray((podTemplate(object)?.spec as { containers?: unknown } | undefined)?.containers);
}

const list = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);

export function containersOf(spec: PodSpec): ContainerView[] {
	const views: ContainerView[] = [];
	// A container without a name is refused by the API; it is shown by its place instead.
	const named = (c: Container, field: string, index: number) =>
		typeof c?.name === "string" && c.name !== "" ? c.name : `${field}[${index}]`;
	list(spec.initContainers).forEach((c, i) => {
		views.push({ name: named(c, "initContainers", i), cls: c?.restartPolicy === "Always" ? "sidecar" : "init", spec: c ?? {} });
	});
	list(spec.containers).forEach((c, i) => {
		views.push({ name: named(c, "containers", i), cls: "regular", spec: c ?? {} });
	});
	list(spec.ephemeralContainers).forEach((c, i) => {
		views.push({ name: named(c, "ephemeralContainers", i), cls: "ephemeral", spec: c ?? {} });
	});
	return views;
}

function items(snapshot: NamespaceSnapshot, kind: SnapshotKind): readonly KubeObject[] {
	return snapshot.resources[kind]?.items ?? [];
}

export function resolveWorkloads(snapshot: NamespaceSnapshot): Workload[] {
	const byKey = new Map<string, KubeObject>();
	for (const kind of CONTROLLER_KINDS) {
		for (const object of items(snapshot, kind)) byKey.set(`${kind}/${object.metadata.name}`, object);
	}
	const deploymentNames = new Set(items(snapshot, "Deployment").map((d) => d.metadata.name));
	const cronJobNames = new Set(items(snapshot, "CronJob").map((c) => c.metadata.name));

	/** Follows controller references up to the top owner; `hash` is a pod's pod-template-hash. */
	const tops = new Map<string, Ref>();
	const top = (ref: Ref, hash?: string): Ref => {
		const key = `${ref.kind}/${ref.name}/${hash ?? ""}`;
		let found = tops.get(key);
		if (found === undefined) {
			found = climb(ref, hash);
			tops.set(key, found);
		}
		return found;
	};
	const climb = (ref: Ref, hash?: string): Ref => {
		let current = ref;
		for (let depth = 0; depth < 5; depth++) {
			const object = byKey.get(`${current.kind}/${current.name}`);
			const owner = object === undefined ? guessOwner(current, hash) : controllerRef(object);
			if (owner === undefined || owner.kind === "Node") return current;
			current = owner;
		}
		return current;
	};

	// When a ReplicaSet or Job is not in the snapshot (files with pods only, a refused list),
	// its name still gives the owner away: `<deployment>-<pod-template-hash>`, `<cronjob>-<minutes>`.
	const guessOwner = (ref: Ref, hash?: string): Ref | undefined => {
		if (ref.kind === "ReplicaSet" && hash !== undefined && ref.name.endsWith(`-${hash}`)) {
			const name = ref.name.slice(0, -hash.length - 1);
			if (deploymentNames.has(name)) return { kind: "Deployment", name };
		}
		if (ref.kind === "Job") {
			const match = /^(.*)-\d+$/.exec(ref.name);
			if (match?.[1] !== undefined && cronJobNames.has(match[1])) return { kind: "CronJob", name: match[1] };
		}
		return undefined;
	};

	const workloads = new Map<string, MutableWorkload>();
	const namespace = snapshot.namespace;
	const ensure = (ref: Ref, templateOf: Template | undefined | (() => Template), object: KubeObject | undefined, fromTemplate: boolean) => {
		const key = `${ref.kind}/${ref.name}`;
		let workload = workloads.get(key);
		if (workload === undefined) {
			const template = typeof templateOf === "function" ? templateOf() : templateOf;
			workload = {
				kind: ref.kind,
				cls: workloadClass(ref.kind),
				name: ref.name,
				namespace,
				podLabels: template?.labels ?? {},
				podAnnotations: template?.annotations ?? {},
				podSpec: template?.spec ?? {},
				fromTemplate,
				pods: [],
			};
			if (object !== undefined) workload.object = object;
			workloads.set(key, workload);
		}
		return workload;
	};

	for (const kind of CONTROLLER_KINDS) {
		for (const object of items(snapshot, kind)) {
			const self = { kind, name: object.metadata.name };
			const owner = top(self);
			const isTop = owner.kind === kind && owner.name === self.name;
			const template = podTemplate(object) ?? referencedTemplate(object, byKey);
			if (isTop) {
				const workload = ensure(self, template, object, true);
				// A top controller seen after its pods (not possible in this order) still takes over the template.
				workload.object = object;
			} else if (!byKey.has(`${owner.kind}/${owner.name}`)) {
				// The top owner itself was not read: judge it from this intermediate's template.
				ensure(owner, template, undefined, true);
			}
		}
	}

	// Custom kinds in files (Knative Services, an operator's CRs) that carry a pod template.
	for (const object of snapshot.others ?? []) {
		if (hasPodTemplate(object)) ensure({ kind: object.kind, name: object.metadata.name }, podTemplate(object), object, true);
	}

	const byOwner = new Map<string, { kind: string; hash: string | undefined; workload: MutableWorkload }>();
	for (const pod of items(snapshot, "Pod")) {
		const ref = controllerRef(pod);
		const labels = pod.metadata.labels ?? {};
		const podView = (): Template => ({
			labels,
			annotations: pod.metadata.annotations ?? {},
			spec: (pod.spec as PodSpec | undefined) ?? {},
		});
		if (ref === undefined || ref.kind === "Node") {
			ensure({ kind: "Pod", name: pod.metadata.name }, podView, pod, false).pods.push(pod);
			continue;
		}
		// Pods of one owner share its workload: remember it by the owner's name, avoiding a string
		// key per pod (5,000 pods resolve in a few milliseconds).
		const hash = labels["pod-template-hash"];
		const cached = byOwner.get(ref.name);
		if (cached !== undefined && cached.kind === ref.kind && cached.hash === hash) {
			cached.workload.pods.push(pod);
			continue;
		}
		const workload = ensure(top(ref, hash), podView, undefined, false);
		byOwner.set(ref.name, { kind: ref.kind, hash, workload });
		workload.pods.push(pod);
	}

	return [...workloads.values()].sort(compareWorkloads);
}

/** An Argo Rollout may run a Deployment's template instead of its own (spec.workloadRef). */
function referencedTemplate(object: KubeObject, byKey: ReadonlyMap<string, KubeObject>): Template | undefined {
	const ref = (object.spec as { workloadRef?: { kind?: string; name?: string } } | undefined)?.workloadRef;
	if (object.kind !== "Rollout" || ref?.kind === undefined || ref.name === undefined) return undefined;
	const target = byKey.get(`${ref.kind}/${ref.name}`);
	return target === undefined ? undefined : podTemplate(target);
}

interface MutableWorkload extends Omit<Workload, "object" | "pods"> {
	object?: KubeObject;
	pods: KubeObject[];
}

function compareWorkloads(a: Workload, b: Workload): number {
	const ka = rank(a.kind);
	const kb = rank(b.kind);
	return ka !== kb ? ka - kb : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function rank(kind: string): number {
	const index = KIND_ORDER.indexOf(kind);
	return index === -1 ? KIND_ORDER.length : index;
}
