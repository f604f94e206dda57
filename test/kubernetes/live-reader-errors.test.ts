import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLiveReader } from "../../adapters/kubernetes/live-reader.ts";
import { ClusterReadError } from "../../src/ports/cluster-reader.ts";
import { type FakeApiServer, startFakeApiServer } from "./fake-apiserver.ts";
import { readerFor } from "./reader-for.ts";
import { seedNamespace } from "./seed.ts";
import { kubeconfigYaml } from "./test-certs.ts";

let api: FakeApiServer;
beforeAll(async () => {
	api = await startFakeApiServer();
	seedNamespace(api, "payments", 3, 2);
});
afterAll(async () => {
	await api.close();
});

async function readError(promise: Promise<unknown>): Promise<ClusterReadError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	if (!(error instanceof ClusterReadError)) throw new Error(`expected a ClusterReadError, got ${String(error)}`);
	return error;
}

/** A port nothing listens on: bind to 0, close, reuse (fetch refuses "bad ports" such as 9 itself). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const address = server.address();
	const port = typeof address === "object" && address ? address.port : 0;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe("live reader: one refused or failed list is recorded, not thrown", () => {
	it("403 on cluster role bindings: that kind is forbidden with the RBAC to grant; the rest is read", async () => {
		const local = await startFakeApiServer();
		try {
			seedNamespace(local, "payments", 3, 2);
			local.forbid("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
			const snapshot = await readerFor(local).readNamespace("payments");
			const crb = snapshot.resources.ClusterRoleBinding;
			expect(crb?.state).toBe("forbidden");
			expect(crb?.items).toEqual([]);
			expect(crb?.reason).toContain('verb "list" on resource "clusterrolebindings" in API group "rbac.authorization.k8s.io"');
			expect(crb?.reason).toContain("ClusterRoleBinding");
			expect(snapshot.resources.Pod).toMatchObject({ state: "listed" });
			expect(snapshot.resources.Pod?.items).toHaveLength(6);
			// The ClusterRoles still reachable through the namespace's RoleBindings are kept.
			expect(snapshot.resources.ClusterRole?.items.map((role) => role.metadata.name)).toEqual(["view"]);
		} finally {
			await local.close();
		}
	});

	it("a 5xx on one list records that kind as error", async () => {
		const local = await startFakeApiServer();
		try {
			seedNamespace(local, "payments", 1, 1);
			local.fail("/apis/apps/v1/namespaces/payments/replicasets", 503);
			const snapshot = await readerFor(local).readNamespace("payments");
			expect(snapshot.resources.ReplicaSet?.state).toBe("error");
			expect(snapshot.resources.ReplicaSet?.reason).toContain("HTTP 503");
			expect(snapshot.resources.Deployment?.state).toBe("listed");
		} finally {
			await local.close();
		}
	});

	it("a list that hangs after the namespace answered records error (timeout) within the deadline", async () => {
		const local = await startFakeApiServer();
		try {
			seedNamespace(local, "payments", 1, 1);
			local.hang("/apis/batch/v1/namespaces/payments/cronjobs");
			const started = performance.now();
			const snapshot = await readerFor(local, { requestTimeoutMs: 300 }).readNamespace("payments");
			expect(performance.now() - started).toBeLessThan(1_500);
			expect(snapshot.resources.CronJob?.state).toBe("error");
			expect(snapshot.resources.CronJob?.reason).toContain("timed out");
			expect(snapshot.resources.Job?.state).toBe("listed");
		} finally {
			await local.close();
		}
	});
});

describe("live reader: reads that cannot happen at all throw ClusterReadError", () => {
	it("unknown namespace → namespace-not-found, naming it, the context and kubectl get namespaces", async () => {
		const error = await readError(readerFor(api).readNamespace("paymnets"));
		expect(error.code).toBe("namespace-not-found");
		expect(error.message).toContain('"paymnets"');
		expect(error.message).toContain("stand-in");
		expect(error.message).toContain("kubectl get namespaces");
	});

	it("unknown context → bad-context listing the contexts there are", async () => {
		const yaml = kubeconfigYaml([
			{ name: "prod-eu", server: api.url, caPem: api.certs.caPem, token: api.token },
			{ name: "staging", server: api.url, caPem: api.certs.caPem, token: api.token },
		]);
		const reader = createLiveReader({ kubeconfigYaml: yaml });
		const error = await readError(reader.readNamespace("payments", { cluster: "prod-us" }));
		expect(error.code).toBe("bad-context");
		expect(error.message).toContain('"prod-us"');
		expect(error.message).toContain("prod-eu, staging");
		// The cluster option really selects the context: a known one reads.
		const snapshot = await reader.readNamespace("payments", { cluster: "staging" });
		expect(snapshot.source).toContain("context staging");
	});

	it("a hung API server → timeout within the configured timeout", async () => {
		const local = await startFakeApiServer();
		try {
			local.hang(true);
			const started = performance.now();
			const error = await readError(readerFor(local, { requestTimeoutMs: 300 }).readNamespace("payments"));
			expect(error.code).toBe("timeout");
			expect(error.message).toContain("300 ms");
			expect(performance.now() - started).toBeLessThan(1_500);
		} finally {
			await local.close();
		}
	});

	it("connection refused → unreachable with the server URL", async () => {
		const server = `https://127.0.0.1:${await closedPort()}`;
		const yaml = kubeconfigYaml([{ name: "gone", server, caPem: api.certs.caPem, token: api.token }]);
		const error = await readError(createLiveReader({ kubeconfigYaml: yaml }).readNamespace("payments"));
		expect(error.code).toBe("unreachable");
		expect(error.message).toContain(server);
		expect(error.message).toContain("ECONNREFUSED");
	});

	it("a certificate from an untrusted CA → unreachable, saying TLS verification failed", async () => {
		const yaml = kubeconfigYaml([{ name: "mitm", server: api.url, caPem: api.certs.otherCaPem, token: api.token }]);
		const error = await readError(createLiveReader({ kubeconfigYaml: yaml }).readNamespace("payments"));
		expect(error.code).toBe("unreachable");
		expect(error.message).toContain("TLS verification failed");
	});

	it("a rejected token → unauthorized", async () => {
		const yaml = kubeconfigYaml([{ name: "stale", server: api.url, caPem: api.certs.caPem, token: "expired" }]);
		const error = await readError(createLiveReader({ kubeconfigYaml: yaml }).readNamespace("payments"));
		expect(error.code).toBe("unauthorized");
		expect(error.message).toContain("401");
	});

	it("a name that cannot be a namespace → bad-input, with no request", async () => {
		const from = api.requests.length;
		const error = await readError(readerFor(api).readNamespace("../secrets"));
		expect(error.code).toBe("bad-input");
		expect(api.requests.length).toBe(from);
	});

	it("a missing kubeconfig file → bad-input naming the path", async () => {
		const error = await readError(createLiveReader({ kubeconfigPath: "/nonexistent/kubeconfig" }).readNamespace("payments"));
		expect(error.code).toBe("bad-input");
		expect(error.message).toContain("/nonexistent/kubeconfig");
	});
});

describe("live reader: in-cluster config", () => {
	it("uses the service account token and CA files and KUBERNETES_SERVICE_HOST/PORT", async () => {
		const root = mkdtempSync(join(tmpdir(), "kubecoach-sa-"));
		const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
		try {
			const sa = join(root, "var/run/secrets/kubernetes.io/serviceaccount");
			mkdirSync(sa, { recursive: true });
			writeFileSync(join(sa, "token"), api.token);
			writeFileSync(join(sa, "ca.crt"), api.certs.caPem);
			writeFileSync(join(sa, "namespace"), "kubecoach");
			const url = new URL(api.url);
			// client-node reads these itself, as in a pod; the adapter never does.
			process.env.KUBERNETES_SERVICE_HOST = url.hostname;
			process.env.KUBERNETES_SERVICE_PORT = url.port;
			const snapshot = await createLiveReader({ inCluster: true, inClusterRoot: root }).readNamespace("payments");
			expect(snapshot.resources.Pod?.items).toHaveLength(6);
			expect(api.requests.at(-1)?.authorized).toBe(true);
		} finally {
			for (const [key, value] of [
				["KUBERNETES_SERVICE_HOST", saved.host],
				["KUBERNETES_SERVICE_PORT", saved.port],
			] as const) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
			rmSync(root, { recursive: true, force: true });
		}
	});
});
