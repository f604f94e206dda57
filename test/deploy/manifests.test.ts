/**
 * deploy/: the manifests an operator applies (`kubectl apply -k deploy/`) hold what the checklist
 * asks of a production workload, and kubecoach's own readiness audit of them passes.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { parseConfig } from "../../src/config.ts";
import { repoRoot } from "../helpers/course.ts";

interface KubeObject {
	apiVersion: string;
	kind: string;
	metadata: { name: string; namespace?: string; labels?: Record<string, string> };
	[field: string]: unknown;
}

const deployDir = join(repoRoot, "deploy");
const yamlFiles = readdirSync(deployDir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
const objects: KubeObject[] = yamlFiles.flatMap((file) =>
	parseAllDocuments(readFileSync(join(deployDir, file), "utf8")).map((doc) => doc.toJS() as KubeObject),
);
const one = (kind: string, name = "kubecoach"): KubeObject => {
	const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
	expect(found, `${kind}/${name} in deploy/`).toHaveLength(1);
	return found[0] as KubeObject;
};

// biome-ignore lint/suspicious/noExplicitAny: a Deployment's spec, read as YAML data
const deployment = one("Deployment") as any;
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

function kubecoach(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const { KUBECONFIG: _kubeconfig, KUBERNETES_SERVICE_HOST: _inCluster, ...env } = process.env;
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			[join(repoRoot, "bin", "kubecoach.js"), ...args],
			{ cwd: repoRoot, env: { ...env, NO_COLOR: "1" }, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
			(_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
		);
	});
}

describe("kubecoach readiness --file deploy/ --profile complete", () => {
	it("exits 0: every workload passes", async () => {
		const { code, stdout, stderr } = await kubecoach(["readiness", "--file", "deploy/", "--profile", "complete"]);
		expect(stderr).toBe("");
		expect(code, stdout).toBe(0);
		expect(stdout).toContain("1 of 1 workloads pass · 0 fail");
	});

	it("passes every item of every workload; only GitOps is n/a, which manifest files cannot show", async () => {
		const { stdout } = await kubecoach(["readiness", "--file", "deploy/", "--profile", "complete", "--json"]);
		const report = JSON.parse(stdout) as {
			workloads: { kind: string; name: string; items: Record<string, { status: string; findings: { message: string }[] }> }[];
		};
		expect(report.workloads.map((w) => `${w.kind}/${w.name}`)).toEqual(["Deployment/kubecoach"]);
		for (const workload of report.workloads) {
			const { gitops, ...judged } = workload.items;
			for (const [item, result] of Object.entries(judged)) expect(result.status, `${item}: ${JSON.stringify(result)}`).toBe("pass");
			// Argo CD and Flux mark objects when they apply them: only a live audit can see that.
			expect(gitops?.status).toBe("n/a");
			expect(gitops?.findings[0]?.message).toContain("shows only on the objects in the cluster");
		}
	});
});

describe("deploy/ manifests", () => {
	it("lists every manifest in the kustomization", () => {
		const kustomization = parse(readFileSync(join(deployDir, "kustomization.yaml"), "utf8")) as { resources: string[] };
		expect([...kustomization.resources].sort()).toEqual([...yamlFiles].sort());
	});

	it("runs 2 replicas with requests, limits and probes on the bot's /healthz and /readyz", () => {
		expect(deployment.spec.replicas).toBe(2);
		for (const kind of ["requests", "limits"]) {
			expect(container.resources[kind].cpu).toBeDefined();
			expect(container.resources[kind].memory).toBeDefined();
		}
		expect(container.ports).toEqual([{ name: "http", containerPort: 3000, protocol: "TCP" }]);
		expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
		expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
		expect(container.env).toContainEqual({ name: "PORT", value: "3000" });
	});

	it("runs locked down: non-root, read-only root, no escalation, no capabilities, RuntimeDefault seccomp, a pinned image", () => {
		expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } });
		expect(container.securityContext).toMatchObject({
			allowPrivilegeEscalation: false,
			readOnlyRootFilesystem: true,
			privileged: false,
			capabilities: { drop: ["ALL"] },
		});
		expect(container.image).toMatch(/^[^:@\s]+(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/);
		expect(container.image).not.toMatch(/:latest$/);
		// The only writable place is an emptyDir, bounded.
		expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
		expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: expect.any(String) } }]);
	});

	it("has one ServiceAccount, defined in rbac.yaml, that both ClusterRoleBindings and the pods use", () => {
		const accounts = objects.filter((o) => o.kind === "ServiceAccount");
		expect(accounts.map((a) => `${a.metadata.namespace}/${a.metadata.name}`)).toEqual(["kubecoach/kubecoach"]);
		expect(pod.serviceAccountName).toBe("kubecoach");
		const bindings = objects.filter((o) => o.kind === "ClusterRoleBinding") as unknown as { subjects: unknown[] }[];
		expect(bindings).toHaveLength(2);
		for (const binding of bindings)
			expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "kubecoach", namespace: "kubecoach" }]);
		const roles = objects.filter((o) => o.kind === "ClusterRole" || o.kind === "Role");
		const rules = JSON.stringify(roles.map((r) => r.rules));
		expect(rules).not.toContain("secrets");
		expect(rules).not.toContain("*");
	});

	it("commits no secret values: settings come from the ConfigMap, secrets from a Secret created by hand", () => {
		expect(objects.filter((o) => o.kind === "Secret")).toEqual([]);
		const configMap = one("ConfigMap") as unknown as { data: Record<string, string> };
		expect(container.envFrom).toEqual([{ configMapRef: { name: "kubecoach" } }]);
		// The ConfigMap's settings are a valid configuration as they are.
		expect(() => parseConfig({ ...configMap.data, PORT: "3000" })).not.toThrow();
		const fromSecret = (container.env as { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[]).filter(
			(e) => e.valueFrom?.secretKeyRef !== undefined,
		);
		expect(fromSecret.map((e) => e.name)).toContain("REDIS_URL");
		for (const entry of fromSecret) expect(entry.valueFrom?.secretKeyRef).toMatchObject({ name: "kubecoach", key: entry.name });
		for (const entry of container.env as { value?: string }[]) expect(entry.value ?? "").not.toMatch(/xox[bp]-|xapp-|redis:\/\//);
	});

	it("keeps a replica through voluntary disruptions and lets in only the bot's port", () => {
		const selector = deployment.spec.selector.matchLabels;
		expect(deployment.spec.template.metadata.labels).toMatchObject(selector);
		// biome-ignore lint/suspicious/noExplicitAny: manifest data
		const pdb = one("PodDisruptionBudget") as any;
		expect(pdb.spec).toEqual({ minAvailable: 1, selector: { matchLabels: selector } });
		// biome-ignore lint/suspicious/noExplicitAny: manifest data
		const policy = one("NetworkPolicy") as any;
		expect(policy.spec.podSelector.matchLabels).toEqual(selector);
		expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
		expect(policy.spec.ingress).toEqual([{ ports: [{ port: 3000, protocol: "TCP" }] }]);
	});

	it("scrapes /metrics through the Service and alerts when no replica answers", () => {
		const selector = deployment.spec.selector.matchLabels;
		// biome-ignore lint/suspicious/noExplicitAny: manifest data
		const service = one("Service") as any;
		expect(service.spec.selector).toEqual(selector);
		expect(service.spec.ports).toEqual([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
		// biome-ignore lint/suspicious/noExplicitAny: manifest data
		const monitor = one("ServiceMonitor") as any;
		expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
		expect(monitor.spec.endpoints).toEqual([{ port: "http", path: "/metrics", interval: "30s" }]);
		// biome-ignore lint/suspicious/noExplicitAny: manifest data
		const rule = one("PrometheusRule") as any;
		const alerts = rule.spec.groups.flatMap((g: { rules: { alert: string }[] }) => g.rules.map((r) => r.alert));
		expect(alerts).toEqual(["KubecoachDown", "KubecoachReplicasUnavailable"]);
	});
});
