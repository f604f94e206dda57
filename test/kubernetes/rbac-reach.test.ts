import { describe, expect, it } from "vitest";
import { bindingReaches, narrowClusterRbac } from "../../adapters/kubernetes/rbac-reach.ts";
import type { KubeObject, ResourceList } from "../../src/readiness/snapshot.ts";

const listed = (...items: KubeObject[]): ResourceList => ({ state: "listed", items });
const clusterRole = (name: string): KubeObject => ({
	apiVersion: "rbac.authorization.k8s.io/v1",
	kind: "ClusterRole",
	metadata: { name },
	rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
});

describe("live reader: which cluster RBAC reaches the namespace", () => {
	// `subjects: [{kind: ServiceAccount, name: app}]` in a RoleBinding is how most hand-written
	// manifests bind an account: the API stores it without a namespace, meaning the binding's own.
	const rolebinding: KubeObject = {
		apiVersion: "rbac.authorization.k8s.io/v1",
		kind: "RoleBinding",
		metadata: { name: "app-secrets", namespace: "payments" },
		roleRef: { kind: "ClusterRole", name: "secret-reader" },
		subjects: [{ kind: "ServiceAccount", name: "app" }],
	};

	it("keeps the ClusterRole of a RoleBinding whose ServiceAccount subject has no namespace", () => {
		expect(bindingReaches(rolebinding, "payments")).toBe(true);
		const narrowed = narrowClusterRbac(
			"payments",
			listed(),
			listed(clusterRole("secret-reader"), clusterRole("unused")),
			listed(rolebinding),
		);
		expect(narrowed.clusterRoles.items.map((r) => r.metadata.name)).toEqual(["secret-reader"]);
	});

	it("does not read a namespace-less subject of a ClusterRoleBinding as the audited namespace", () => {
		const crb: KubeObject = { ...rolebinding, kind: "ClusterRoleBinding", metadata: { name: "app-secrets" } };
		expect(bindingReaches(crb, "payments")).toBe(false);
	});
});
