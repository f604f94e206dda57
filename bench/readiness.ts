import { liveSnapshot } from "../src/readiness/assemble-snapshot.ts";
import { KIND_PLAN } from "../src/readiness/kind-plan.ts";
import { buildReport } from "../src/readiness/report.ts";
import type { KubeObject, NamespaceSnapshot, ResourceList, SnapshotKind } from "../src/readiness/snapshot.ts";
import { heading, medianOf, ms, percentile } from "./measure.ts";

/**
 * Evaluation speed on a big namespace: 1,000 workloads and 5,000 pods (plus ReplicaSets,
 * Services, PDBs, HPAs, NetworkPolicies, RBAC, monitors and scan reports), compared with
 * JSON.parse of the same list payloads as the API would send them. Goal: evaluating the
 * snapshot costs less than parsing it, i.e. the checks are not the bottleneck of a scan.
 * Pods carry no managedFields (real ones do, which only makes parsing slower).
 */

const NS = "big";
const WORKLOADS = 1_000;
const PODS = 5_000;

function container(name: string, i: number) {
	return {
		name,
		image: i % 17 === 0 ? `registry.example.com/${name}:latest` : `registry.example.com/${name}:1.${i % 9}.0`,
		ports: [{ containerPort: 8080, name: "http", protocol: "TCP" }],
		env: [
			{ name: "LOG_LEVEL", value: "info" },
			{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
		],
		resources:
			i % 5 === 0
				? { requests: { cpu: "100m" } }
				: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
		...(i % 4 === 0 ? {} : { readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5 } }),
		...(i % 3 === 0 ? {} : { livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, failureThreshold: 6 } }),
		securityContext: { allowPrivilegeEscalation: false, ...(i % 7 === 0 ? { runAsUser: 0 } : {}) },
		volumeMounts: [{ name: "config", mountPath: "/etc/app" }],
		terminationMessagePath: "/dev/termination-log",
		imagePullPolicy: "IfNotPresent",
	};
}

function podSpec(name: string, i: number) {
	return {
		serviceAccountName: i % 6 === 0 ? "default" : name,
		securityContext: i % 2 === 0 ? { runAsNonRoot: true, runAsUser: 10001 } : {},
		containers: [container(name, i), ...(i % 10 === 0 ? [container(`${name}-sidecar`, i + 1)] : [])],
		volumes: [{ name: "config", configMap: { name } }],
		restartPolicy: "Always",
		dnsPolicy: "ClusterFirst",
		terminationGracePeriodSeconds: 30,
	};
}

function meta(name: string, extra: Record<string, unknown> = {}) {
	return { name, namespace: NS, uid: `uid-${name}`, creationTimestamp: "2026-11-01T00:00:00Z", ...extra };
}

interface Payloads {
	readonly lists: Record<string, string>;
	readonly kinds: Record<string, SnapshotKind>;
}

export function synthesize(): Payloads {
	const items: Partial<Record<SnapshotKind, object[]>> = {};
	const add = (kind: SnapshotKind, object: object) => {
		const list = items[kind];
		if (list === undefined) items[kind] = [object];
		else list.push(object);
	};
	const podsPer = PODS / WORKLOADS;
	for (let i = 0; i < WORKLOADS; i++) {
		const name = `svc-${i}`;
		const labels = { app: name, team: `team-${i % 20}`, tier: i % 2 === 0 ? "api" : "worker" };
		const kind = i % 20 === 0 ? "StatefulSet" : i % 25 === 1 ? "DaemonSet" : i % 50 === 2 ? "CronJob" : "Deployment";
		const template = { metadata: { labels }, spec: podSpec(name, i) };
		if (kind === "CronJob") {
			add("CronJob", {
				apiVersion: "batch/v1",
				kind,
				metadata: meta(name),
				spec: { schedule: "0 * * * *", jobTemplate: { spec: { template } } },
			});
		} else {
			add(kind as SnapshotKind, {
				apiVersion: "apps/v1",
				kind,
				metadata: meta(name, { labels }),
				spec: { replicas: podsPer, selector: { matchLabels: labels }, template },
			});
		}
		let owner = { kind, name };
		if (kind === "Deployment") {
			const rs = `${name}-7d9f8c6b5`;
			add("ReplicaSet", {
				apiVersion: "apps/v1",
				kind: "ReplicaSet",
				metadata: meta(rs, { labels, ownerReferences: [{ apiVersion: "apps/v1", kind, name, uid: `uid-${name}`, controller: true }] }),
				spec: { replicas: podsPer, selector: { matchLabels: labels }, template },
			});
			owner = { kind: "ReplicaSet", name: rs };
		} else if (kind === "CronJob") {
			const job = `${name}-29000000`;
			add("Job", {
				apiVersion: "batch/v1",
				kind: "Job",
				metadata: meta(job, { ownerReferences: [{ apiVersion: "batch/v1", kind, name, controller: true }] }),
				spec: { template },
			});
			owner = { kind: "Job", name: job };
		}
		for (let p = 0; p < podsPer; p++) {
			const podName = `${owner.name}-${p}x${i}`;
			const crashing = (i * podsPer + p) % 97 === 0;
			add("Pod", {
				apiVersion: "v1",
				kind: "Pod",
				metadata: meta(podName, {
					labels: { ...labels, "pod-template-hash": "7d9f8c6b5" },
					annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-01T00:00:00Z" },
					ownerReferences: [{ apiVersion: "apps/v1", kind: owner.kind, name: owner.name, uid: `uid-${owner.name}`, controller: true }],
				}),
				spec: { ...podSpec(name, i), nodeName: `node-${p % 50}` },
				status: {
					phase: "Running",
					podIP: `10.0.${i % 255}.${p}`,
					conditions: [
						{ type: "PodScheduled", status: "True" },
						{ type: "Ready", status: crashing ? "False" : "True" },
					],
					containerStatuses: [
						{
							name,
							ready: !crashing,
							restartCount: crashing ? 12 : 0,
							image: `registry.example.com/${name}:1.0.0`,
							state: crashing ? { waiting: { reason: "CrashLoopBackOff" } } : { running: { startedAt: "2026-11-01T00:00:00Z" } },
							...(crashing ? { lastState: { terminated: { reason: "OOMKilled", exitCode: 137 } } } : {}),
						},
					],
				},
			});
		}
		add("Service", {
			apiVersion: "v1",
			kind: "Service",
			metadata: meta(name, { labels: { app: name } }),
			spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
		});
		add("ServiceAccount", { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(name) });
		if (i % 5 !== 0) {
			add("PodDisruptionBudget", {
				apiVersion: "policy/v1",
				kind: "PodDisruptionBudget",
				metadata: meta(name),
				spec: { maxUnavailable: i % 9 === 0 ? 0 : 1, selector: { matchLabels: { app: name } } },
			});
		}
		if (i % 3 === 0) {
			add("HorizontalPodAutoscaler", {
				apiVersion: "autoscaling/v2",
				kind: "HorizontalPodAutoscaler",
				metadata: meta(name),
				spec: { scaleTargetRef: { kind, name }, minReplicas: 2, maxReplicas: 10 },
			});
		}
		if (i % 2 === 0) {
			add("Role", {
				apiVersion: "rbac.authorization.k8s.io/v1",
				kind: "Role",
				metadata: meta(name),
				rules: [{ apiGroups: [""], resources: ["configmaps", i % 11 === 0 ? "secrets" : "services"], verbs: ["get", "list"] }],
			});
			add("RoleBinding", {
				apiVersion: "rbac.authorization.k8s.io/v1",
				kind: "RoleBinding",
				metadata: meta(name),
				subjects: [{ kind: "ServiceAccount", name }],
				roleRef: { kind: "Role", name },
			});
		}
		if (i % 10 === 0) {
			add("ServiceMonitor", {
				apiVersion: "monitoring.coreos.com/v1",
				kind: "ServiceMonitor",
				metadata: meta(name),
				spec: { selector: { matchLabels: { app: name } }, endpoints: [{ port: "http" }] },
			});
		}
		add("VulnerabilityReport", {
			apiVersion: "aquasecurity.github.io/v1alpha1",
			kind: "VulnerabilityReport",
			metadata: meta(`report-${name}`, {
				labels: {
					"trivy-operator.resource.kind": owner.kind,
					"trivy-operator.resource.name": owner.name,
					"trivy-operator.container.name": name,
				},
			}),
			report: { summary: { criticalCount: i % 13 === 0 ? 2 : 0, highCount: 3 } },
		});
	}
	for (let t = 0; t < 20; t++) {
		add("NetworkPolicy", {
			apiVersion: "networking.k8s.io/v1",
			kind: "NetworkPolicy",
			metadata: meta(`team-${t}`),
			spec: {
				podSelector: { matchLabels: { team: `team-${t}` } },
				policyTypes: ["Ingress"],
				ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["api"] }] } }] }],
			},
		});
	}
	add("NetworkPolicy", {
		apiVersion: "networking.k8s.io/v1",
		kind: "NetworkPolicy",
		metadata: meta("default-deny"),
		spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
	});
	add("ServiceMonitor", {
		apiVersion: "monitoring.coreos.com/v1",
		kind: "ServiceMonitor",
		metadata: meta("all"),
		spec: { selector: { matchExpressions: [{ key: "app", operator: "Exists" }] } },
	});
	for (let c = 0; c < 200; c++) {
		add("ClusterRole", {
			apiVersion: "rbac.authorization.k8s.io/v1",
			kind: "ClusterRole",
			metadata: { name: `cr-${c}` },
			rules: [{ apiGroups: ["*"], resources: ["pods"], verbs: ["get"] }],
		});
		add("ClusterRoleBinding", {
			apiVersion: "rbac.authorization.k8s.io/v1",
			kind: "ClusterRoleBinding",
			metadata: { name: `crb-${c}` },
			subjects: [{ kind: "ServiceAccount", name: `svc-${c * 5}`, namespace: c % 2 === 0 ? NS : "other" }],
			roleRef: { kind: "ClusterRole", name: c % 50 === 0 ? "cluster-admin" : `cr-${c}` },
		});
	}
	add("PrometheusRule", {
		apiVersion: "monitoring.coreos.com/v1",
		kind: "PrometheusRule",
		metadata: meta("alerts"),
		spec: { groups: [{ name: "a", rules: [{ alert: "Down", expr: "up == 0" }] }] },
	});

	const lists: Record<string, string> = {};
	const kinds: Record<string, SnapshotKind> = {};
	for (const [kind, objects] of Object.entries(items)) {
		lists[kind] = JSON.stringify({ kind: `${kind}List`, apiVersion: "v1", metadata: { resourceVersion: "123456" }, items: objects });
		kinds[kind] = kind as SnapshotKind;
	}
	return { lists, kinds };
}

export function parseAll(payloads: Payloads): Partial<Record<SnapshotKind, ResourceList>> {
	const resources: Partial<Record<SnapshotKind, ResourceList>> = {};
	for (const [kind, text] of Object.entries(payloads.lists)) {
		resources[kind as SnapshotKind] = { state: "listed", items: (JSON.parse(text) as { items: KubeObject[] }).items };
	}
	return resources;
}

export default async function readinessBench(): Promise<void> {
	heading("readiness: evaluate a 1,000-workload namespace vs JSON.parse of its lists");
	const payloads = synthesize();
	const bytes = Object.values(payloads.lists).reduce((n, s) => n + s.length, 0);
	// Assembled as the live reader assembles a read (API defaults, reach, RBAC narrowing); every
	// kind the payloads lack was listed empty.
	const lists = parseAll(payloads);
	for (const spec of KIND_PLAN) lists[spec.kind] ??= { state: "listed", items: [] };
	const snapshot: NamespaceSnapshot = liveSnapshot({ namespace: NS, source: "bench", takenAt: "2026-11-21T00:00:00Z", lists });
	const now = new Date("2026-11-21T00:00:00Z");
	const report = buildReport(snapshot, { now });
	// Interleaved, so that both phases see the same machine load; medians of 15 each.
	const parseTimes: number[] = [];
	const evalTimes: number[] = [];
	for (let run = 0; run < 15; run++) {
		parseTimes.push(medianOf(1, () => parseAll(payloads)));
		evalTimes.push(medianOf(1, () => buildReport(snapshot, { now })));
	}
	const parse = percentile(
		[...parseTimes].sort((a, b) => a - b),
		50,
	);
	const evaluation = percentile(
		[...evalTimes].sort((a, b) => a - b),
		50,
	);
	console.log(
		`${report.workloads.length} workloads, ${snapshot.resources.Pod?.items.length ?? 0} pods, ${(bytes / 1e6).toFixed(1)} MB of list JSON`,
	);
	console.log(`JSON.parse of the lists: ${ms(parse)} (median of 15)`);
	console.log(`evaluate (owners, selectors, checks, report): ${ms(evaluation)} (median of 15)`);
	console.log(`ratio evaluate / parse: ${(evaluation / parse).toFixed(2)} (goal: under 1)`);
}

if (import.meta.main) await readinessBench();
