import type { FakeApiServer } from "./fake-apiserver.ts";

const meta = (name: string, namespace: string | undefined, extra: Record<string, unknown> = {}) => ({
	name,
	...(namespace === undefined ? {} : { namespace }),
	uid: `uid-${namespace ?? "cluster"}-${name}`,
	resourceVersion: "1",
	...extra,
});

const container = (name: string) => ({
	name,
	image: `registry.example/${name}:1.0.0`,
	resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
});

/** Fields a real Pod carries (env, mounts, tolerations, ...), ~4 KB, so the bench moves real payloads. */
const podBulk = {
	volumes: [{ name: "kube-api-access", projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: "token" } }] } }],
	tolerations: [
		{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
		{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
	],
	initContainers: [{ name: "migrate", image: "registry.example/migrate:1.0.0", command: ["/bin/migrate", "--wait"] }],
	nodeName: "ip-10-0-12-34.eu-west-1.compute.internal",
	dnsPolicy: "ClusterFirst",
	enableServiceLinks: true,
	schedulerName: "default-scheduler",
	terminationGracePeriodSeconds: 30,
	securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
};
const podEnv = Array.from({ length: 30 }, (_, i) => ({ name: `SETTING_${i}`, value: `value-of-setting-number-${i}-with-some-length` }));

/**
 * Fills the stand-in with a synthetic namespace: `workloads` Deployments, each with a ReplicaSet
 * and `podsPerWorkload` Pods, plus the RBAC, policy and networking objects an audit reads, and a
 * Secret that must never be requested. Also adds noise in another namespace and cluster-wide.
 */
export function seedNamespace(
	api: FakeApiServer,
	ns: string,
	workloads: number,
	podsPerWorkload: number,
	options: { realisticPods?: boolean } = {},
): void {
	api.addNamespace(ns);
	api.addNamespace("other");
	for (let w = 0; w < workloads; w++) {
		const app = `app-${w}`;
		const labels = { app };
		api.add("deployments", "apps", {
			metadata: meta(app, ns, { labels }),
			spec: {
				replicas: podsPerWorkload,
				selector: { matchLabels: labels },
				template: { metadata: { labels }, spec: { containers: [container(app)] } },
			},
		});
		const rs = `${app}-5d9f`;
		api.add("replicasets", "apps", {
			metadata: meta(rs, ns, { labels, ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: app, controller: true }] }),
			spec: { replicas: podsPerWorkload, selector: { matchLabels: labels } },
		});
		for (let p = 0; p < podsPerWorkload; p++) {
			api.add("pods", "", {
				metadata: meta(`${rs}-${p}`, ns, {
					labels,
					ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs, controller: true }],
				}),
				spec: options.realisticPods
					? { serviceAccountName: "api", containers: [{ ...container(app), env: podEnv }], ...podBulk }
					: { serviceAccountName: "api", containers: [container(app)] },
				status: { phase: "Running", containerStatuses: [{ name: app, ready: true, restartCount: 0 }] },
			});
		}
		api.add("services", "", { metadata: meta(app, ns), spec: { selector: labels, ports: [{ port: 80 }] } });
	}
	api.add("statefulsets", "apps", { metadata: meta("db", ns), spec: { replicas: 3, serviceName: "db" } });
	api.add("daemonsets", "apps", { metadata: meta("agent", ns), spec: {} });
	api.add("jobs", "batch", { metadata: meta("migrate", ns), spec: {} });
	api.add("cronjobs", "batch", { metadata: meta("report", ns), spec: { schedule: "0 * * * *" } });
	api.add("poddisruptionbudgets", "policy", {
		metadata: meta("app-0", ns),
		spec: { minAvailable: 1, selector: { matchLabels: { app: "app-0" } } },
	});
	api.add("networkpolicies", "networking.k8s.io", {
		metadata: meta("default-deny", ns),
		spec: { podSelector: {}, policyTypes: ["Ingress"] },
	});
	api.add("horizontalpodautoscalers", "autoscaling", {
		metadata: meta("app-0", ns),
		spec: { minReplicas: 2, maxReplicas: 5, scaleTargetRef: { kind: "Deployment", name: "app-0" } },
	});
	api.add("serviceaccounts", "", { metadata: meta("default", ns) }, { metadata: meta("api", ns) });
	api.add("limitranges", "", { metadata: meta("defaults", ns), spec: { limits: [] } });
	api.add("resourcequotas", "", { metadata: meta("quota", ns), spec: { hard: { pods: "10000" } } });
	api.add("secrets", "", { metadata: meta("db-password", ns), data: { password: "aHVudGVyMg==" } });
	api.add("roles", "rbac.authorization.k8s.io", {
		metadata: meta("api-reader", ns),
		rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
	});
	api.add(
		"rolebindings",
		"rbac.authorization.k8s.io",
		{
			metadata: meta("api-reader", ns),
			roleRef: { kind: "Role", name: "api-reader" },
			subjects: [{ kind: "ServiceAccount", name: "api", namespace: ns }],
		},
		{
			metadata: meta("api-view", ns),
			roleRef: { kind: "ClusterRole", name: "view" },
			subjects: [{ kind: "ServiceAccount", name: "api", namespace: ns }],
		},
		{
			metadata: meta("humans-edit", ns),
			roleRef: { kind: "ClusterRole", name: "edit" },
			subjects: [{ kind: "User", name: "alice@example.com" }],
		},
	);
	api.add(
		"clusterrolebindings",
		"rbac.authorization.k8s.io",
		{
			metadata: meta("api-admin", undefined),
			roleRef: { kind: "ClusterRole", name: "cluster-admin" },
			subjects: [{ kind: "ServiceAccount", name: "api", namespace: ns }],
		},
		{
			metadata: meta("all-sa-discovery", undefined),
			roleRef: { kind: "ClusterRole", name: "system:discovery" },
			subjects: [{ kind: "Group", name: "system:authenticated" }],
		},
		{
			metadata: meta("other-admin", undefined),
			roleRef: { kind: "ClusterRole", name: "secret-reader" },
			subjects: [{ kind: "ServiceAccount", name: "x", namespace: "other" }],
		},
	);
	const role = (name: string) => ({ metadata: meta(name, undefined), rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] });
	api.add(
		"clusterroles",
		"rbac.authorization.k8s.io",
		role("cluster-admin"),
		role("view"),
		role("edit"),
		role("system:discovery"),
		role("secret-reader"),
	);
	// Noise in another namespace: must not appear in the snapshot.
	api.add("pods", "", { metadata: meta("stranger", "other"), spec: { containers: [container("x")] } });
}
