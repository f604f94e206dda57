import { groupOf } from "./kind-plan.ts";
import type { KubeObject, SourceLocation } from "./snapshot.ts";

/**
 * Objects of kinds no check reads, listed so that nothing in the files is silently dropped:
 * Kubernetes kinds outside the checklist (ConfigMaps, Ingresses) and kinds kubecoach does not
 * know at all (custom resources without a pod template), which a reviewer may want to look at.
 */
export interface NotJudged {
	readonly kind: string;
	readonly apiVersion: string;
	readonly names: readonly string[];
	/** `outside-checklist`: a Kubernetes kind no checklist item reads; `unknown-kind`: a kind kubecoach does not know. */
	readonly why: "outside-checklist" | "unknown-kind";
	/** Where the first of them was read (files). */
	readonly location?: SourceLocation;
}

/** API groups whose kinds are Kubernetes' own (the core group is ""). */
const KUBERNETES_GROUPS = new Set([
	"",
	"apps",
	"batch",
	"networking.k8s.io",
	"storage.k8s.io",
	"apiextensions.k8s.io",
	"admissionregistration.k8s.io",
	"scheduling.k8s.io",
	"coordination.k8s.io",
	"discovery.k8s.io",
	"certificates.k8s.io",
	"node.k8s.io",
	"policy",
	"rbac.authorization.k8s.io",
	"autoscaling",
	"apiregistration.k8s.io",
	"flowcontrol.apiserver.k8s.io",
	"resource.k8s.io",
	"gateway.networking.k8s.io",
	"extensions",
	"events.k8s.io",
]);

export function notJudged(objects: readonly KubeObject[], locations: Readonly<Record<string, SourceLocation>>): NotJudged[] {
	const groups = new Map<string, { kind: string; apiVersion: string; names: string[]; location?: SourceLocation }>();
	for (const object of objects) {
		const key = `${object.apiVersion}/${object.kind}`;
		let entry = groups.get(key);
		if (entry === undefined) {
			const location = locations[`${object.kind}/${object.metadata.name}`];
			entry = { kind: object.kind, apiVersion: object.apiVersion, names: [], ...(location === undefined ? {} : { location }) };
			groups.set(key, entry);
		}
		entry.names.push(object.metadata.name);
	}
	return [...groups.values()]
		.map((entry) => ({
			...entry,
			why: KUBERNETES_GROUPS.has(groupOf(entry.apiVersion)) ? ("outside-checklist" as const) : ("unknown-kind" as const),
		}))
		.sort((a, b) => (a.why === b.why ? a.kind.localeCompare(b.kind) : a.why === "unknown-kind" ? -1 : 1));
}
