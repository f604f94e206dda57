import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterSourceFromEnv } from "../../bin/live-reader-from-env.ts";
import { CORE_ITEMS } from "../../src/readiness/checks/types.ts";
import { repoRoot } from "../helpers/course.ts";
import { type FakeApiServer, startFakeApiServer } from "../kubernetes/fake-apiserver.ts";
import { seedNamespace } from "../kubernetes/seed.ts";
import { kubeconfigYaml } from "../kubernetes/test-certs.ts";

const STATUSES = ["pass", "warn", "fail", "unknown", "n/a"];

/**
 * `kubecoach` as a user runs it: a separate Node process. Asynchronous, so that a fake API server
 * in this process can answer it. KUBECONFIG and in-cluster variables come only from `env`.
 */
function kubecoach(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const { KUBECONFIG: _kubeconfig, KUBERNETES_SERVICE_HOST: _inCluster, ...inherited } = process.env;
	const base = { ...inherited, NO_COLOR: "1" };
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			[join(repoRoot, "bin", "kubecoach.js"), ...args],
			{ cwd: repoRoot, env: { ...base, ...env }, encoding: "utf8", maxBuffer: 32 * 1024 * 1024 },
			(_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
		);
	});
}

/** The DESIGN.md contract of `--json`: workloads with kind, name, namespace, items keyed by checklist item. */
function expectReportShape(report: { workloads: unknown[] }, namespace: string) {
	expect(report.workloads.length).toBeGreaterThan(0);
	for (const workload of report.workloads as Record<string, unknown>[]) {
		expect(typeof workload.kind).toBe("string");
		expect(typeof workload.name).toBe("string");
		expect(workload.namespace).toBe(namespace);
		const items = workload.items as Record<string, { status: string; findings: unknown[] }>;
		expect(Object.keys(items)).toEqual([...CORE_ITEMS]);
		for (const item of Object.values(items)) {
			expect(STATUSES).toContain(item.status);
			expect(Array.isArray(item.findings)).toBe(true);
		}
	}
}

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), "kubecoach-cli-"));
});
afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe("kubecoach readiness on manifest files", () => {
	it("prints the JSON report and exits 1, since the demo namespace has failing workloads", async () => {
		const { code, stdout } = await kubecoach(["readiness", "--file", "content/demo-cluster", "--json"]);
		expect(code).toBe(1);
		const report = JSON.parse(stdout);
		expectReportShape(report, "demo");
		const reports = report.workloads.find((w: { name: string }) => w.name === "reports");
		expect(reports).toMatchObject({ kind: "Deployment", items: { rbac: { status: "fail" }, replicas: { status: "fail" } } });
	});

	it("prints SARIF 2.1.0 with --sarif", async () => {
		const { code, stdout } = await kubecoach(["readiness", "--file", "content/demo-cluster", "--sarif"]);
		expect(code).toBe(1);
		const sarif = JSON.parse(stdout);
		expect(sarif.version).toBe("2.1.0");
		expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
		expect(sarif.runs).toHaveLength(1);
		expect(sarif.runs[0].tool.driver.name).toBe("kubecoach");
		expect(Array.isArray(sarif.runs[0].tool.driver.rules)).toBe(true);
		expect(sarif.runs[0].results.length).toBeGreaterThan(0);
		for (const result of sarif.runs[0].results) {
			expect(typeof result.ruleId).toBe("string");
			expect(["error", "warning", "note", "none"]).toContain(result.level);
			expect(typeof result.message.text).toBe("string");
		}
	});

	it("exits 2 with the usage when given no arguments", async () => {
		const { code, stdout, stderr } = await kubecoach(["readiness"]);
		expect(code).toBe(2);
		expect(stdout).toBe("");
		expect(stderr).toContain("give --namespace NS (live cluster) or --file PATH (manifests)");
		expect(stderr).toContain("Usage: kubecoach readiness (--namespace NS [--context CTX] | --file PATH... [--partial])");
	});

	it("is a CI gate: exits 1 on the Online Boutique release manifest and 0 on a hardened app, with nothing on stderr", async () => {
		const boutique = await kubecoach(["readiness", "--file", "test/readiness/audits/fail.online-boutique"]);
		expect([boutique.code, boutique.stderr]).toEqual([1, ""]);
		expect(boutique.stdout).toMatch(/Score \d+\/100 · 0 of 12 workloads pass · 12 fail/);
		expect(boutique.stdout).toContain("has no PodDisruptionBudget in the files selecting its pods. (12 workloads)");
		const hardened = await kubecoach(["readiness", "--file", "test/readiness/audits/pass.hardened-app"]);
		expect([hardened.code, hardened.stderr]).toEqual([0, ""]);
		expect(hardened.stdout).toContain("Score 100/100 · 2 of 2 workloads pass · 0 fail");
	});

	it("reads a slice of a repository with --partial: what the files cannot show is unknown, and said so", async () => {
		const { code, stdout, stderr } = await kubecoach(["readiness", "--file", "test/readiness/audits/unknown.partial-slice", "--partial"]);
		expect([code, stderr]).toEqual([0, ""]);
		expect(stdout).toContain("· 4 items unknown");
		expect(stdout).toContain("were read with --partial");
		const refused = await kubecoach(["readiness", "--namespace", "shop", "--partial"]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain("--partial qualifies --file");
	});

	it("audits files of several namespaces per namespace, and names the files it skipped", async () => {
		const several = await kubecoach(["readiness", "--file", "test/readiness/audits/fail.several-namespaces", "--json"]);
		expect(several.code).toBe(1);
		const report = JSON.parse(several.stdout);
		expect(report.namespaces).toEqual(["billing", "shop"]);
		expect(report.byNamespace.map((n: { namespace: string; summary: { failing: number } }) => [n.namespace, n.summary.failing])).toEqual([
			["billing", 1],
			["shop", 0],
		]);
		const folder = await kubecoach(["readiness", "--file", "test/readiness/audits/pass.folder-with-kustomization-and-configs"]);
		expect([folder.code, folder.stderr]).toEqual([0, ""]);
		expect(folder.stdout).toContain("Skipped files\n");
		expect(folder.stdout).toMatch(/overlay\/kustomization\.yaml: a kustomization, not a Kubernetes object/);
	});

	it("lists readiness in the top-level usage", async () => {
		const { code, stdout } = await kubecoach(["--help"]);
		expect(code).toBe(0);
		expect(stdout).toContain("readiness (--namespace NS [--context CTX] | --file PATH...) [--profile core|complete] [--json|--sarif]");
	});
});

describe("kubecoach readiness on a live cluster", () => {
	it("exits 2 and names the missing file when KUBECONFIG points at nothing", async () => {
		const missing = join(dir, "no-such-kubeconfig");
		const { code, stdout, stderr } = await kubecoach(["readiness", "--namespace", "demo"], { KUBECONFIG: missing });
		expect(code).toBe(2);
		expect(stdout).toBe("");
		expect(stderr).toContain(`KUBECONFIG names ${missing}, which does not exist`);
		expect(stderr).toContain("--file");
	});

	describe("through the real live reader against the local API stand-in", () => {
		let api: FakeApiServer;
		let kubeconfig: string;
		beforeAll(async () => {
			api = await startFakeApiServer();
			seedNamespace(api, "payments", 2, 2);
			kubeconfig = join(dir, "kubeconfig");
			writeFileSync(kubeconfig, kubeconfigYaml([{ name: "stand-in", server: api.url, caPem: api.certs.caPem, token: api.token }]));
		});
		afterAll(async () => {
			await api.close();
		});

		it("reads the namespace from the first KUBECONFIG path, prints the JSON report and exits 1 on failures", async () => {
			const from = api.requests.length;
			const { code, stdout, stderr } = await kubecoach(["readiness", "--namespace", "payments", "--context", "stand-in", "--json"], {
				KUBECONFIG: [kubeconfig, join(dir, "second-is-ignored")].join(delimiter),
			});
			expect(stderr).toBe("");
			expect(code).toBe(1);
			const report = JSON.parse(stdout);
			expect(report).toMatchObject({ namespace: "payments", origin: "live", source: `context stand-in (${api.url})` });
			expectReportShape(report, "payments");
			const names = report.workloads.map((w: { kind: string; name: string }) => `${w.kind}/${w.name}`);
			expect(names).toEqual(expect.arrayContaining(["Deployment/app-0", "Deployment/app-1", "StatefulSet/db"]));
			// The seeded service account "api" is bound to cluster-admin.
			const app0 = report.workloads.find((w: { name: string }) => w.name === "app-0");
			expect(app0.items.rbac.status).toBe("fail");
			expect(api.requests.slice(from).every((r) => r.method === "GET" && r.authorized)).toBe(true);
			expect(api.requests.slice(from).some((r) => /secret/i.test(r.path))).toBe(false);
		});

		it("reports a kubeconfig that does not parse by file and position only, never its lines", async () => {
			const broken = join(dir, "broken-kubeconfig");
			// A line indented one space short after the token: the YAML parser's message would quote
			// the lines around it, token included.
			const text = kubeconfigYaml([{ name: "stand-in", server: api.url, caPem: api.certs.caPem, token: api.token }]).replace(
				`token: ${api.token}\n`,
				`token: ${api.token}\n   misplaced: indent\n`,
			);
			writeFileSync(broken, text);
			const { code, stdout, stderr } = await kubecoach(["readiness", "--namespace", "payments"], { KUBECONFIG: broken });
			expect([code, stdout]).toEqual([2, ""]);
			expect(stderr).toMatch(new RegExp(`could not load the kubeconfig from ${broken}: not valid YAML at line \\d+, column \\d+`));
			expect(stderr).not.toContain(api.token);
			expect(stderr).not.toContain("certificate-authority-data");
			expect(stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
		});

		it("exits 2 with a clear message for an unknown namespace and for an unknown context", async () => {
			const env = { KUBECONFIG: kubeconfig };
			const ghost = await kubecoach(["readiness", "--namespace", "ghost"], env);
			expect(ghost.code).toBe(2);
			expect(ghost.stderr).toContain('namespace "ghost" does not exist in context stand-in');
			const context = await kubecoach(["readiness", "--namespace", "payments", "--context", "prod"], env);
			expect(context.code).toBe(2);
			expect(context.stderr).toContain('context "prod" is not in');
		});
	});
});

describe("where the live reader's credentials come from", () => {
	const cwd = "/work/somewhere";
	it("takes the first path of KUBECONFIG, relative to the working directory", () => {
		const found = clusterSourceFromEnv(
			{ KUBECONFIG: `${delimiter}conf/a.yaml${delimiter}/etc/b.yaml`, KUBERNETES_SERVICE_HOST: "10.0.0.1" },
			cwd,
		);
		expect(found).toMatchObject({ from: "KUBECONFIG", source: { kubeconfigPath: join(cwd, "conf/a.yaml") }, present: false });
	});

	it("uses the in-cluster service account when KUBERNETES_SERVICE_HOST is set and KUBECONFIG is not", () => {
		expect(clusterSourceFromEnv({ KUBERNETES_SERVICE_HOST: "10.0.0.1", HOME: dir }, cwd)).toMatchObject({
			from: "in-cluster",
			source: { inCluster: true },
			present: true,
		});
	});

	it("falls back to ~/.kube/config, present only when the file exists", () => {
		expect(clusterSourceFromEnv({ HOME: dir }, cwd)).toMatchObject({
			from: "default",
			source: { kubeconfigPath: join(dir, ".kube", "config") },
			present: false,
		});
	});
});
