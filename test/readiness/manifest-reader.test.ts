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
});
