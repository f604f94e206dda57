import type { KubeObject, SnapshotKind } from "./snapshot.ts";

/**
 * Objects that live in another namespace (a monitoring stack's, Argo CD's, Velero's) yet concern
 * the audited one. Both readers use these predicates: the live one on lists across namespaces,
 * the manifest one on files that hold several namespaces, so that the two agree.
 */

type Reaches = (item: KubeObject, namespace: string) => boolean;

function field(value: unknown, ...path: string[]): unknown {
	let current = value;
	for (const key of path) {
		if (typeof current !== "object" || current === null) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

const inNamespace = (item: KubeObject, namespace: string) => item.metadata.namespace === namespace;

/** A monitor reaches the namespace when it lives there or its namespaceSelector names it (or any). */
export const monitorReaches: Reaches = (item, namespace) => {
	if (inNamespace(item, namespace)) return true;
	if (field(item, "spec", "namespaceSelector", "any") === true) return true;
	const names = field(item, "spec", "namespaceSelector", "matchNames");
	return Array.isArray(names) && names.includes(namespace);
};

/** Alert rules elsewhere count when an expression filters on this namespace. */
export const ruleMentions: Reaches = (item, namespace) =>
	inNamespace(item, namespace) || JSON.stringify(item.spec ?? {}).includes(`namespace=\\"${namespace}\\"`);

export const targets =
	(...path: string[]): Reaches =>
	(item, namespace) =>
		inNamespace(item, namespace) || field(item, ...path) === namespace;

/** Velero: empty or absent includedNamespaces means every namespace; "*" too. */
export const scheduleCovers: Reaches = (item, namespace) => {
	const included = field(item, "spec", "template", "includedNamespaces");
	const excluded = field(item, "spec", "template", "excludedNamespaces");
	if (Array.isArray(excluded) && excluded.includes(namespace)) return false;
	return !Array.isArray(included) || included.length === 0 || included.includes("*") || included.includes(namespace);
};

/** Kinds read across namespaces, and which of their objects concern the audited namespace. */
export const CROSS_NAMESPACE: Readonly<Partial<Record<SnapshotKind, Reaches>>> = {
	ServiceMonitor: monitorReaches,
	PodMonitor: monitorReaches,
	PrometheusRule: ruleMentions,
	Application: targets("spec", "destination", "namespace"),
	Kustomization: targets("spec", "targetNamespace"),
	HelmRelease: targets("spec", "targetNamespace"),
	Schedule: scheduleCovers,
};
