import { liveSnapshot } from "../../src/readiness/assemble-snapshot.ts";
import type { KubeObject, NamespaceSnapshot, ResourceList, SnapshotKind } from "../../src/readiness/snapshot.ts";
import { SNAPSHOT_KINDS } from "../../src/readiness/snapshot.ts";

/**
 * A live snapshot of namespace `shop`, assembled as the live reader assembles one (API defaults,
 * cross-namespace reach, RBAC narrowing): every kind listed (empty unless given), overrides per
 * kind. The objects are copied, so the defaults never change a test's own data.
 */
export function snapshotOf(
	objects: readonly KubeObject[],
	overrides: Partial<Record<SnapshotKind, Omit<ResourceList, "items"> & { items?: readonly KubeObject[] }>> = {},
): NamespaceSnapshot {
	const lists: Partial<Record<SnapshotKind, ResourceList>> = {};
	for (const kind of SNAPSHOT_KINDS) {
		const override = overrides[kind];
		const items = structuredClone(objects.filter((o) => o.kind === kind));
		lists[kind] = override === undefined ? { state: "listed", items } : { ...override, items: structuredClone(override.items ?? items) };
	}
	return liveSnapshot({ namespace: "shop", source: "test", takenAt: "2026-11-21T12:00:00.000Z", lists });
}

export function deployment(
	name: string,
	extra: { replicas?: number; labels?: Record<string, string>; annotations?: Record<string, string>; spec?: object } = {},
): KubeObject {
	const labels = extra.labels ?? { app: name };
	return {
		apiVersion: "apps/v1",
		kind: "Deployment",
		metadata: { name, namespace: "shop", ...(extra.annotations === undefined ? {} : { annotations: extra.annotations }) },
		spec: {
			replicas: extra.replicas ?? 2,
			selector: { matchLabels: labels },
			template: {
				metadata: { labels },
				spec: extra.spec ?? {
					serviceAccountName: name,
					securityContext: { runAsNonRoot: true, runAsUser: 10001 },
					containers: [
						{
							name,
							image: `registry.example.com/${name}:1.0.0`,
							resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "64Mi" } },
							readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
							livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, failureThreshold: 6 },
							securityContext: { allowPrivilegeEscalation: false },
						},
					],
				},
			},
		},
	};
}

export function owned(
	kind: string,
	name: string,
	owner: { kind: string; name: string } | undefined,
	extra: Partial<KubeObject> = {},
): KubeObject {
	return {
		apiVersion: kind === "Pod" ? "v1" : kind === "Job" || kind === "CronJob" ? "batch/v1" : "apps/v1",
		kind,
		metadata: {
			name,
			namespace: "shop",
			...(owner === undefined
				? {}
				: { ownerReferences: [{ apiVersion: "apps/v1", kind: owner.kind, name: owner.name, controller: true }] }),
			...(extra.metadata ?? {}),
		},
		...(extra.spec === undefined ? {} : { spec: extra.spec }),
		...(extra.status === undefined ? {} : { status: extra.status }),
	};
}

/** What a Deployment from `deployment(name)` needs around it to pass every core item. */
export function passingNeighbours(name: string): KubeObject[] {
	const ns = { namespace: "shop" };
	return [
		{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, ...ns }, automountServiceAccountToken: false },
		{ apiVersion: "v1", kind: "Service", metadata: { name, ...ns, labels: { app: name } }, spec: { selector: { app: name } } },
		{
			apiVersion: "monitoring.coreos.com/v1",
			kind: "ServiceMonitor",
			metadata: { name, ...ns },
			spec: { selector: { matchLabels: { app: name } } },
		},
		{
			apiVersion: "policy/v1",
			kind: "PodDisruptionBudget",
			metadata: { name, ...ns },
			spec: { selector: { matchLabels: { app: name } }, maxUnavailable: 1 },
		},
		{
			apiVersion: "networking.k8s.io/v1",
			kind: "NetworkPolicy",
			metadata: { name: `${name}-deny`, ...ns },
			spec: { podSelector: { matchLabels: { app: name } }, policyTypes: ["Ingress"] },
		},
		{
			apiVersion: "monitoring.coreos.com/v1",
			kind: "PrometheusRule",
			metadata: { name: `${name}-alerts`, ...ns },
			spec: { groups: [{ name, rules: [{ alert: "Down", expr: "up == 0" }] }] },
		},
		{
			apiVersion: "aquasecurity.github.io/v1alpha1",
			kind: "VulnerabilityReport",
			metadata: {
				name: `replicaset-${name}-${name}`,
				...ns,
				labels: {
					"trivy-operator.resource.kind": "Deployment",
					"trivy-operator.resource.name": name,
					"trivy-operator.container.name": name,
				},
			},
			report: { summary: { criticalCount: 0, highCount: 0 } },
		},
	];
}
