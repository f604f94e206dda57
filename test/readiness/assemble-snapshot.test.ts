import { describe, expect, it } from "vitest";
import { liveSnapshot } from "../../src/readiness/assemble-snapshot.ts";
import { bindingReaches } from "../../src/readiness/rbac-subjects.ts";
import type { KubeObject, ResourceList } from "../../src/readiness/snapshot.ts";

const listed = (...items: KubeObject[]): ResourceList => ({ state: "listed", items });
const clusterRole = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
	apiVersion: "rbac.authorization.k8s.io/v1",
	kind: "ClusterRole",
	metadata: { name },
	rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
	...extra,
});
const read = (lists: Record<string, ResourceList>) =>
	liveSnapshot({ namespace: "payments", source: "test", takenAt: "2026-11-21T00:00:00Z", lists });

// `subjects: [{kind: ServiceAccount, name: app}]` in a RoleBinding is how most hand-written
// manifests bind an account: the API stores it without a namespace, meaning the binding's own.
const rolebinding: KubeObject = {
	apiVersion: "rbac.authorization.k8s.io/v1",
	kind: "RoleBinding",
	metadata: { name: "app-secrets", namespace: "payments" },
	roleRef: { kind: "ClusterRole", name: "secret-reader" },
	subjects: [{ kind: "ServiceAccount", name: "app" }],
};

describe("snapshot assembly: which cluster-wide objects concern the namespace", () => {
	it("keeps the ClusterRole of a RoleBinding whose ServiceAccount subject has no namespace", () => {
		expect(bindingReaches(rolebinding, "payments")).toBe(true);
		const snapshot = read({
			RoleBinding: listed(rolebinding),
			ClusterRole: listed(clusterRole("secret-reader"), clusterRole("unused")),
			ClusterRoleBinding: listed(),
		});
		expect(snapshot.resources.ClusterRole?.items.map((r) => r.metadata.name)).toEqual(["secret-reader"]);
	});

	it("does not read a namespace-less subject of a ClusterRoleBinding as the audited namespace", () => {
		const crb: KubeObject = { ...rolebinding, kind: "ClusterRoleBinding", metadata: { name: "app-secrets" } };
		expect(bindingReaches(crb, "payments")).toBe(false);
		const snapshot = read({ ClusterRoleBinding: listed(crb), ClusterRole: listed(clusterRole("secret-reader")) });
		expect(snapshot.resources.ClusterRoleBinding?.items).toEqual([]);
		expect(snapshot.resources.ClusterRole?.items).toEqual([]);
	});

	it("keeps the bindings to groups of every account, and the roles an aggregated role gathers", () => {
		const crb: KubeObject = {
			apiVersion: "rbac.authorization.k8s.io/v1",
			kind: "ClusterRoleBinding",
			metadata: { name: "all-accounts" },
			roleRef: { kind: "ClusterRole", name: "monitoring" },
			subjects: [{ kind: "Group", name: "system:serviceaccounts:payments" }],
		};
		const aggregated = clusterRole("monitoring", {
			rules: [],
			aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }] },
		});
		const part = clusterRole("monitoring-secrets", {
			metadata: { name: "monitoring-secrets", labels: { "rbac.example.com/aggregate-to-monitoring": "true" } },
		});
		const snapshot = read({ ClusterRoleBinding: listed(crb), ClusterRole: listed(aggregated, part, clusterRole("other")) });
		expect(snapshot.resources.ClusterRoleBinding?.items.map((b) => b.metadata.name)).toEqual(["all-accounts"]);
		expect(snapshot.resources.ClusterRole?.items.map((r) => r.metadata.name)).toEqual(["monitoring", "monitoring-secrets"]);
	});

	it("keeps the monitors of other namespaces that reach this one, and says a kind it was never given was not read", () => {
		const monitor = (name: string, namespace: string, spec: object): KubeObject => ({
			apiVersion: "monitoring.coreos.com/v1",
			kind: "ServiceMonitor",
			metadata: { name, namespace },
			spec,
		});
		const snapshot = read({
			ServiceMonitor: listed(
				monitor("own", "payments", {}),
				monitor("named", "monitoring", { namespaceSelector: { matchNames: ["payments"] } }),
				monitor("any", "monitoring", { namespaceSelector: { any: true } }),
				monitor("elsewhere", "monitoring", {}),
			),
		});
		expect(snapshot.resources.ServiceMonitor?.items.map((m) => m.metadata.name)).toEqual(["own", "named", "any"]);
		expect(snapshot.resources.Pod).toMatchObject({ state: "error", reason: "Pod was not read" });
	});
});
