import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestError, readManifests } from "../../src/readiness/manifest-reader.ts";

function folder(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), "kubecoach-manifests-"));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(join(dir, name, ".."), { recursive: true });
		writeFileSync(join(dir, name), text);
	}
	return dir;
}

const deploymentYaml = (name: string, ns = "shop") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  template:
    spec:
      containers: [{name: ${name}, image: "x:1"}]
`;

async function failure(promise: Promise<unknown>): Promise<ManifestError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ManifestError) return error;
		throw error;
	}
	throw new Error("expected a ManifestError");
}

describe("manifest reader", () => {
	it("reads multi-document YAML, List kinds and JSON in nested folders, with file and line", async () => {
		const dir = folder({
			"apps/a.yaml": `# leading comment\n${deploymentYaml("a")}---\n${deploymentYaml("b")}`,
			"apps/list.yml": `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: a, namespace: shop}
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: a}
`,
			"json/pdb.json": JSON.stringify({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "a" }, spec: {} }, null, 2),
			"notes.txt": "not a manifest",
			"secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ndata: {password: c2VjcmV0}\n",
		});
		const snapshot = await readManifests([dir], { cwd: dir, now: new Date("2026-11-21T00:00:00Z") });
		expect(snapshot).toMatchObject({ namespace: "shop", origin: "files", takenAt: "2026-11-21T00:00:00.000Z" });
		expect(snapshot.resources.Deployment?.items.map((d) => d.metadata.name)).toEqual(["a", "b"]);
		expect(snapshot.resources.ServiceAccount?.items[0]?.metadata.namespace).toBe("shop");
		expect(snapshot.resources.PodDisruptionBudget?.state).toBe("listed");
		expect(snapshot.resources.NetworkPolicy).toEqual({ state: "not-provided", items: [] });
		expect(snapshot.locations).toMatchObject({
			"Deployment/a": { file: "apps/a.yaml", line: 2 },
			"Deployment/b": { file: "apps/a.yaml", line: 12 },
			"Service/a": { file: "apps/list.yml", line: 4 },
			"ServiceAccount/a": { file: "apps/list.yml", line: 7 },
			"PodDisruptionBudget/a": { file: "json/pdb.json", line: 1 },
		});
		// Secrets are never kept, even from files.
		expect(JSON.stringify(snapshot)).not.toContain("c2VjcmV0");
	});

	it("fails with the path, the line and what was wrong", async () => {
		const dir = folder({ "bad.yaml": `${deploymentYaml("a")}---\nkind: Service\nmetadata: {name: [unclosed\n` });
		const parse = await failure(readManifests(["bad.yaml"], { cwd: dir }));
		expect(parse.code).toBe("manifest-parse");
		expect(parse.message).toMatch(/^bad\.yaml:\d+: cannot parse: /);

		const invalid = folder({ "x.yaml": "kind: Deployment\nmetadata: {name: a}\n" });
		const error = await failure(readManifests(["x.yaml"], { cwd: invalid }));
		expect([error.code, error.message]).toEqual([
			"manifest-invalid",
			"x.yaml:1: not a Kubernetes object: expected apiVersion, kind and metadata.name",
		]);

		expect((await failure(readManifests(["missing.yaml"], { cwd: invalid }))).code).toBe("manifest-not-found");
		expect((await failure(readManifests([folder({ "a.txt": "" })]))).code).toBe("manifest-empty");
		const txt = folder({ "a.txt": "" });
		expect((await failure(readManifests(["a.txt"], { cwd: txt }))).code).toBe("manifest-invalid");
	});

	it("needs --namespace when the files hold several namespaces, and keeps only that one", async () => {
		const dir = folder({ "a.yaml": `${deploymentYaml("a", "shop")}---\n${deploymentYaml("b", "billing")}` });
		const error = await failure(readManifests([dir]));
		expect(error.code).toBe("manifest-namespace");
		expect(error.message).toContain("billing, shop");
		const snapshot = await readManifests([dir], { namespace: "billing" });
		expect(snapshot.resources.Deployment?.items.map((d) => d.metadata.name)).toEqual(["b"]);
		const typo = await failure(readManifests([dir], { namespace: "biling" }));
		expect([typo.code, typo.message]).toEqual([
			"manifest-namespace",
			"no objects of namespace biling in the files (they hold billing, shop)",
		]);
	});

	it("skips the comment-only documents of helm template output, but an audit of no object at all is an error", async () => {
		// `helm template` prints "---\n# Source: chart/templates/hpa.yaml" for templates that render to nothing.
		const helm = `---\n# Source: shop/templates/hpa.yaml\n---\n# Source: shop/templates/deployment.yaml\n${deploymentYaml("a")}---\n`;
		const snapshot = await readManifests(["out.yaml"], { cwd: folder({ "out.yaml": helm }) });
		expect(snapshot.resources.Deployment?.items.map((d) => d.metadata.name)).toEqual(["a"]);
		const empty = await failure(readManifests(["out.yaml"], { cwd: folder({ "out.yaml": "# Source: shop/templates/hpa.yaml\n---\n" }) }));
		expect([empty.code, empty.message]).toEqual(["manifest-empty", "no Kubernetes objects in out.yaml"]);
	});

	it("still catches a --namespace typo when the files also hold cluster-scoped objects", async () => {
		const role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n";
		const dir = folder({ "a.yaml": `${deploymentYaml("a", "payments")}---\n${role}` });
		const typo = await failure(readManifests([dir], { namespace: "paymnets" }));
		expect([typo.code, typo.message]).toEqual(["manifest-namespace", "no objects of namespace paymnets in the files (they hold payments)"]);
	});

	it("keeps a monitor of another namespace that names this one, as the live reader does", async () => {
		const monitor = (name: string, names: string) =>
			`apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: ${name}, namespace: monitoring}\nspec:\n  namespaceSelector: {matchNames: [${names}]}\n  selector: {}\n`;
		const dir = folder({ "a.yaml": `${deploymentYaml("a")}---\n${monitor("shop-app", "shop")}---\n${monitor("billing", "billing")}` });
		const snapshot = await readManifests([dir], { namespace: "shop" });
		expect(snapshot.resources.ServiceMonitor?.items.map((m) => m.metadata.name)).toEqual(["shop-app"]);
	});

	it("names kustomize and Helm files for what they are, and reads generateName objects", async () => {
		const kustomize = folder({
			"kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n",
		});
		expect((await failure(readManifests(["kustomization.yaml"], { cwd: kustomize }))).message).toContain("kubectl kustomize");
		const values = folder({ "values.yaml": "replicaCount: 2\nimage: {repository: nginx}\n" });
		expect((await failure(readManifests(["values.yaml"], { cwd: values }))).message).toContain("helm template");
		const job =
			"apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-, namespace: shop}\nspec: {template: {spec: {containers: []}}}\n";
		const snapshot = await readManifests(["job.yaml"], { cwd: folder({ "job.yaml": job }) });
		expect(snapshot.resources.Job?.items.map((j) => j.metadata.name)).toEqual(["migrate-"]);
	});
});
