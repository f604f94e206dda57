import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKubeGet } from "../../adapters/kubernetes/kube-http.ts";
import { loadKubeConfig } from "../../adapters/kubernetes/load-kube-config.ts";
import { KIND_PLAN } from "../../src/readiness/kind-plan.ts";

const BUILT_IN_KINDS = KIND_PLAN.filter((spec) => !spec.crd);

import { CRDS, type FakeApiServer, startFakeApiServer } from "./fake-apiserver.ts";
import { pathsSince, readerFor } from "./reader-for.ts";
import { seedNamespace } from "./seed.ts";
import { kubeconfigYaml } from "./test-certs.ts";

let api: FakeApiServer;
beforeAll(async () => {
	api = await startFakeApiServer({ crds: [...CRDS.prometheus] });
	seedNamespace(api, "payments", 12, 3); // 36 pods, 12 deployments, 12 replica sets
});
afterAll(async () => {
	await api.close();
});

describe("live reader: a full read over real TLS", () => {
	it("reads every built-in kind, all pages, with apiVersion and kind on each item", async () => {
		const from = api.requests.length;
		const snapshot = await readerFor(api, { pageSize: 5 }).readNamespace("payments");

		expect(snapshot).toMatchObject({ namespace: "payments", origin: "live", source: `context stand-in (${api.url})` });
		for (const spec of BUILT_IN_KINDS) expect(snapshot.resources[spec.kind]?.state, spec.kind).toBe("listed");
		const pods = snapshot.resources.Pod?.items ?? [];
		expect(pods).toHaveLength(36); // 8 pages of 5: every page was followed
		expect(new Set(pods.map((pod) => pod.metadata.name)).size).toBe(36);
		expect(pods.every((pod) => pod.apiVersion === "v1" && pod.kind === "Pod" && pod.metadata.namespace === "payments")).toBe(true);
		expect(snapshot.resources.Deployment?.items[0]).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment" });
		expect(snapshot.resources.HorizontalPodAutoscaler?.items[0]?.apiVersion).toBe("autoscaling/v2");

		const podPages = pathsSince(api, from).filter((p) => p.startsWith("/api/v1/namespaces/payments/pods?"));
		expect(podPages).toHaveLength(8);
		expect(podPages[0]).toBe("/api/v1/namespaces/payments/pods?limit=5");
		expect(podPages.slice(1).every((p) => p.includes("continue="))).toBe(true);
		expect(api.requests.slice(from).every((request) => request.authorized && request.method === "GET")).toBe(true);
	});

	it("reuses TLS connections across pages (client-node alone opens one per request)", async () => {
		const requests = api.requests.length;
		const connections = api.connections();
		await readerFor(api, { pageSize: 2 }).readNamespace("payments");
		const made = api.requests.length - requests;
		expect(made).toBeGreaterThan(50);
		expect(api.connections() - connections).toBeLessThan(made / 2);
	});

	it("checks the namespace first, then lists in parallel", async () => {
		api.setDelay(250);
		try {
			const from = api.requests.length;
			api.maxInFlight();
			await readerFor(api).readNamespace("payments");
			expect(pathsSince(api, from)[0]).toBe("/api/v1/namespaces/payments");
			// ~25 requests held 250 ms each: the lists of the plan wait for their answers together
			// (one after another, never more than one would wait).
			expect(api.requests.length - from).toBeGreaterThan(20);
			expect(api.maxInFlight()).toBeGreaterThan(10);
		} finally {
			api.setDelay(0);
		}
	});

	it("keeps only the cluster RBAC that reaches the namespace's service accounts", async () => {
		const snapshot = await readerFor(api).readNamespace("payments");
		const names = (kind: "ClusterRoleBinding" | "ClusterRole") =>
			(snapshot.resources[kind]?.items ?? []).map((item) => item.metadata.name).sort();
		expect(names("ClusterRoleBinding")).toEqual(["all-sa-discovery", "api-admin"]);
		// view: from the api-view RoleBinding; edit is bound to a human only; secret-reader to another namespace.
		expect(names("ClusterRole")).toEqual(["cluster-admin", "system:discovery", "view"]);
		expect(snapshot.resources.RoleBinding?.items).toHaveLength(3);
	});

	it("never requests Secrets, and the other namespace stays out", async () => {
		const from = api.requests.length;
		const snapshot = await readerFor(api).readNamespace("payments");
		expect(pathsSince(api, from).filter((p) => /secret/i.test(p))).toEqual([]);
		expect(JSON.stringify(snapshot)).not.toContain("hunter2");
		expect(JSON.stringify(snapshot)).not.toContain("aHVudGVyMg==");
		expect(snapshot.resources.Pod?.items.some((pod) => pod.metadata.name === "stranger")).toBe(false);
		expect(Object.keys(snapshot.resources)).not.toContain("Secret");
	});

	it("the transport itself refuses any Secrets path before sending", async () => {
		const yaml = kubeconfigYaml([{ name: "stand-in", server: api.url, caPem: api.certs.caPem, token: api.token }]);
		const { kc, server } = loadKubeConfig({ kubeconfigYaml: yaml });
		const get = createKubeGet(kc, server, 1_000);
		const from = api.requests.length;
		try {
			await expect(get("/api/v1/namespaces/payments/secrets")).rejects.toThrow(/refusing to read Secrets/);
			await expect(get("/api/v1/secrets", { limit: "1" })).rejects.toThrow(/refusing to read Secrets/);
			expect((await get("/api/v1/namespaces/payments")).status).toBe(200); // the same transport works otherwise
			expect(pathsSince(api, from)).toEqual(["/api/v1/namespaces/payments"]);
		} finally {
			await get.close();
		}
	});

	it("makes the same number of requests for 1 workload as for 12 (pagination aside)", async () => {
		const small = await startFakeApiServer({ crds: [...CRDS.prometheus] });
		try {
			seedNamespace(small, "payments", 1, 1);
			await readerFor(small).readNamespace("payments");
			const from = api.requests.length;
			await readerFor(api).readNamespace("payments");
			expect(api.requests.length - from).toBe(small.requests.length);
		} finally {
			await small.close();
		}
	});

	it("restarts a list once when its continue token expires (410)", async () => {
		api.expireNextContinue("/api/v1/namespaces/payments/pods");
		const from = api.requests.length;
		const snapshot = await readerFor(api, { pageSize: 10 }).readNamespace("payments");
		expect(snapshot.resources.Pod).toMatchObject({ state: "listed" });
		expect(snapshot.resources.Pod?.items).toHaveLength(36);
		const firstPages = pathsSince(api, from).filter((p) => p === "/api/v1/namespaces/payments/pods?limit=10");
		expect(firstPages).toHaveLength(2);
	});
});
