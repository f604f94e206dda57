import type { KubeObject } from "./snapshot.ts";

/**
 * Objects that live in another namespace (a monitoring stack's, Argo CD's, Velero's) yet concern
 * the audited one. The kind plan names them; the snapshot assembler applies them to live lists
 * across namespaces and to files that hold several namespaces alike, so that the two agree.
 */

export type Reaches = (item: KubeObject, namespace: string) => boolean;

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
