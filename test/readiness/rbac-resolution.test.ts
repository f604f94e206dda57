import { describe, expect, it } from "vitest";
import { buildContext } from "../../src/readiness/checks/context.ts";
import { serviceAccountOf } from "../../src/readiness/checks/rbac-graph.ts";
import type { KubeObject } from "../../src/readiness/snapshot.ts";
import { deployment, snapshotOf } from "./snapshot-builder.ts";

const options = { cpuLimit: "require" as const, now: new Date("2026-11-21T00:00:00Z") };

function binding(
	kind: "RoleBinding" | "ClusterRoleBinding",
	name: string,
	subjects: object[],
	role = "cluster-admin",
	namespace = "shop",
): KubeObject {
	return {
		apiVersion: "rbac.authorization.k8s.io/v1",
		kind,
		metadata: { name, ...(kind === "RoleBinding" ? { namespace } : {}) },
		subjects,
		roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role },
	};
}

function grantsOf(objects: KubeObject[], spec?: object) {
	const snapshot = snapshotOf([deployment("api", spec === undefined ? {} : { spec }), ...objects]);
	const context = buildContext(snapshot, options);
	const workload = context.workloads[0];
	if (workload === undefined) throw new Error("no workload");
	return serviceAccountOf(context, workload);
}

describe("RBAC resolution from the workload's service account", () => {
	it("uses the default service account when serviceAccountName is unset", () => {
		const sa = grantsOf([binding("RoleBinding", "default-admin", [{ kind: "ServiceAccount", name: "default" }])], {
			containers: [{ name: "api" }],
		});
		expect(sa.name).toBe("default");
		expect(sa.grants.map((g) => g.binding.name)).toEqual(["default-admin"]);
	});

	it("matches ServiceAccount, the equivalent User and the service-account groups", () => {
		const sa = grantsOf([
			binding("ClusterRoleBinding", "as-sa", [{ kind: "ServiceAccount", name: "api", namespace: "shop" }]),
			binding("ClusterRoleBinding", "as-user", [{ kind: "User", name: "system:serviceaccount:shop:api" }]),
			binding("ClusterRoleBinding", "ns-group", [{ kind: "Group", name: "system:serviceaccounts:shop" }]),
			binding("ClusterRoleBinding", "all-group", [{ kind: "Group", name: "system:serviceaccounts" }]),
			binding("ClusterRoleBinding", "other-ns", [{ kind: "ServiceAccount", name: "api", namespace: "billing" }]),
			// In a ClusterRoleBinding an SA subject without namespace matches nothing.
			binding("ClusterRoleBinding", "no-ns", [{ kind: "ServiceAccount", name: "api" }]),
			binding("RoleBinding", "elsewhere", [{ kind: "ServiceAccount", name: "api", namespace: "shop" }], "cluster-admin", "billing"),
		]);
		expect(sa.grants.map((g) => g.binding.name).sort()).toEqual(["all-group", "as-sa", "as-user", "ns-group"]);
		expect(sa.grants.every((g) => g.scope === "cluster")).toBe(true);
	});

	it("scopes a ClusterRole bound by a RoleBinding to the namespace", () => {
		const sa = grantsOf([binding("RoleBinding", "reader", [{ kind: "ServiceAccount", name: "api" }], "reader")]);
		expect(sa.grants[0]).toMatchObject({ scope: "namespace", role: { kind: "ClusterRole", name: "reader" } });
		expect(sa.grants[0]?.unresolved).toContain("does not exist");
	});

	it("knows the built-in view, edit and admin ClusterRoles that every cluster has", () => {
		// The API server reconciles them at start-up; a listed ClusterRole set without them is narrowed, not proof they are gone.
		const sa = grantsOf([binding("RoleBinding", "api-edit", [{ kind: "ServiceAccount", name: "api" }], "edit")]);
		expect(sa.grants[0]?.unresolved).toBeUndefined();
		expect(sa.grants[0]?.rules?.some((r) => r.resources?.includes("secrets") && r.verbs?.includes("get"))).toBe(true);
	});

	it("takes automountServiceAccountToken from the pod over the service account", () => {
		const account = (automount: boolean): KubeObject => ({
			apiVersion: "v1",
			kind: "ServiceAccount",
			metadata: { name: "api", namespace: "shop" },
			automountServiceAccountToken: automount,
		});
		expect(grantsOf([account(false)]).tokenMounted).toBe(false);
		expect(grantsOf([account(false)], { serviceAccountName: "api", automountServiceAccountToken: true, containers: [] }).tokenMounted).toBe(
			true,
		);
		expect(grantsOf([account(true)], { serviceAccountName: "api", automountServiceAccountToken: false, containers: [] }).tokenMounted).toBe(
			false,
		);
		expect(grantsOf([]).tokenMounted).toBe(true);
	});

	it("says which binding kinds it could not see", () => {
		const snapshot = snapshotOf([deployment("api")], { ClusterRoleBinding: { state: "forbidden", reason: "403 from the API" } });
		const context = buildContext(snapshot, options);
		const sa = serviceAccountOf(context, context.workloads[0] as never);
		expect(sa.blind.map((b) => b.why)).toEqual(["listing ClusterRoleBinding was refused: 403 from the API"]);
	});
});
