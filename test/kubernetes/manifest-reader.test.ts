import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestError, type ManifestRead, readManifests } from "../../adapters/kubernetes/manifest-reader.ts";
import type { NamespaceSnapshot } from "../../src/readiness/snapshot.ts";

function folder(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), "kubecoach-manifests-"));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(join(dir, name, ".."), { recursive: true });
		writeFileSync(join(dir, name), text);
	}
	return dir;
}

const deploymentYaml = (name: string, ns?: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${ns === undefined ? "" : `  namespace: ${ns}\n`}spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
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

function only(read: ManifestRead): NamespaceSnapshot {
	expect(read.snapshots).toHaveLength(1);
	return read.snapshots[0] as NamespaceSnapshot;
}

const read = (paths: string[], cwd: string, extra: { partial?: boolean } = {}) =>
	readManifests(paths, { cwd, now: new Date("2026-11-21T00:00:00Z"), ...extra });

describe("manifest reader", () => {
	it("reads multi-document YAML, List kinds and JSON in nested folders, each object with its file and line", async () => {
		const dir = folder({
			"apps/a.yaml": `# leading comment\n${deploymentYaml("a", "shop")}---\n\n# a comment between documents\n${deploymentYaml("b", "shop")}`,
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
		const snapshot = only(await read([dir], dir));
		expect(snapshot).toMatchObject({ namespace: "shop", origin: "files", reading: "desired", takenAt: "2026-11-21T00:00:00.000Z" });
		expect(snapshot.resources.Deployment?.items.map((d) => d.metadata.name)).toEqual(["a", "b"]);
		expect(snapshot.resources.ServiceAccount?.items[0]?.metadata.namespace).toBe("shop");
		expect(snapshot.resources.PodDisruptionBudget?.state).toBe("listed");
		// The files are the desired state: a kind they do not hold is absent (listed empty) ...
		expect(snapshot.resources.NetworkPolicy).toEqual({ state: "listed", items: [] });
		// ... except evidence only a running cluster has.
		expect(snapshot.resources.VulnerabilityReport?.state).toBe("live-only");
		expect(snapshot.locations).toMatchObject({
			"Deployment/a": { file: "apps/a.yaml", line: 2 },
			"Deployment/b": { file: "apps/a.yaml", line: 16 },
			"Service/a": { file: "apps/list.yml", line: 4 },
			"ServiceAccount/a": { file: "apps/list.yml", line: 7 },
			"PodDisruptionBudget/a": { file: "json/pdb.json", line: 1 },
		});
		// Secrets are never kept, even from files: their name only, for the not-judged list.
		expect(JSON.stringify(snapshot)).not.toContain("c2VjcmV0");
		expect(snapshot.others).toEqual([{ apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "shop" } }]);
	});

	it("with --partial, a kind the files do not hold is not seen rather than absent", async () => {
		const dir = folder({ "a.yaml": deploymentYaml("a", "shop") });
		const snapshot = only(await read([dir], dir, { partial: true }));
		expect(snapshot.reading).toBe("partial");
		expect(snapshot.resources.Deployment?.state).toBe("listed");
		expect(snapshot.resources.PodDisruptionBudget?.state).toBe("not-in-files");
	});

	it("fails with the path, the line and what was wrong, never the text of the file", async () => {
		const dir = folder({ "bad.yaml": `${deploymentYaml("a")}---\nkind: Service\nmetadata: {name: [unclosed, token: hunter2-secret\n` });
		const parse = await failure(read(["bad.yaml"], dir));
		expect(parse.code).toBe("manifest-parse");
		expect(parse.message).toMatch(/^bad\.yaml:1[3-4]: cannot parse: /);
		expect(parse.message).not.toContain("hunter2");
		expect(parse.message).not.toContain("\n");

		const invalid = folder({ "x.yaml": `${deploymentYaml("a")}---\nkind: Deployment\nmetadata: {name: b}\n` });
		const error = await failure(read(["x.yaml"], invalid));
		expect([error.code, error.message]).toEqual([
			"manifest-invalid",
			"x.yaml:12: not a Kubernetes object: expected apiVersion, kind and metadata.name (kubectl would refuse it)",
		]);
		const nameless = folder({ "y.yaml": "apiVersion: v1\nkind: Service\nmetadata: {labels: {a: b}}\n" });
		expect((await failure(read(["y.yaml"], nameless))).code).toBe("manifest-invalid");

		expect((await failure(read(["missing.yaml"], invalid))).code).toBe("manifest-not-found");
		const txt = folder({ "a.txt": "" });
		expect((await failure(read([txt], txt))).code).toBe("manifest-empty");
		expect((await failure(read(["a.txt"], txt))).code).toBe("manifest-invalid");
	});

	it("gives each namespace the files hold its own snapshot", async () => {
		const dir = folder({ "a.yaml": `${deploymentYaml("a", "shop")}---\n${deploymentYaml("b", "billing")}---\n${deploymentYaml("c")}` });
		const { snapshots } = await read([dir], dir);
		// Objects without a namespace go where kubectl would put them without -n: "default".
		expect(snapshots.map((s) => [s.namespace, s.resources.Deployment?.items.map((d) => d.metadata.name)])).toEqual([
			["billing", ["b"]],
			["default", ["c"]],
			["shop", ["a"]],
		]);
		// With one namespace named, objects without one join it (kustomize's `namespace:` does the same).
		const one = folder({ "a.yaml": `${deploymentYaml("a", "shop")}---\n${deploymentYaml("c")}` });
		const snapshot = only(await read([one], one));
		expect(snapshot.namespace).toBe("shop");
		expect(snapshot.resources.Deployment?.items.map((d) => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual(["shop/a", "shop/c"]);
	});

	it("audits a ClusterRoleBinding alone for the namespace of the account it binds", async () => {
		const crb = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
`;
		const snapshot = only(await read(["crb.yaml"], folder({ "crb.yaml": crb })));
		expect(snapshot.namespace).toBe("ci");
		expect(snapshot.resources.ClusterRoleBinding?.items.map((b) => b.metadata.name)).toEqual(["ci-admin"]);
	});

	it("skips the comment-only documents of helm template output, but an audit of no object at all is an error", async () => {
		// `helm template` prints "---\n# Source: chart/templates/hpa.yaml" for templates that render to nothing.
		const helm = `---\n# Source: shop/templates/hpa.yaml\n---\n# Source: shop/templates/deployment.yaml\n${deploymentYaml("a")}---\n`;
		const snapshot = only(await read(["out.yaml"], folder({ "out.yaml": helm })));
		expect(snapshot.resources.Deployment?.items.map((d) => d.metadata.name)).toEqual(["a"]);
		expect(snapshot.locations?.["Deployment/a"]?.line).toBe(5);
		const empty = await failure(read(["out.yaml"], folder({ "out.yaml": "# Source: shop/templates/hpa.yaml\n---\n" })));
		expect([empty.code, empty.message]).toEqual([
			"manifest-empty",
			"no Kubernetes objects in out.yaml (skipped: out.yaml: empty (no YAML documents))",
		]);
	});

	it("keeps a monitor of another namespace that names this one, as the live reader does", async () => {
		const monitor = (name: string, names: string) =>
			`apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: ${name}, namespace: monitoring}\nspec:\n  namespaceSelector: {matchNames: [${names}]}\n  selector: {}\n`;
		const dir = folder({
			"a.yaml": `${deploymentYaml("a", "shop")}---\n${monitor("shop-app", "shop")}---\n${monitor("billing", "billing")}`,
		});
		const shop = (await read([dir], dir)).snapshots.find((s) => s.namespace === "shop");
		expect(shop?.resources.ServiceMonitor?.items.map((m) => m.metadata.name)).toEqual(["shop-app"]);
	});

	it("skips, with one line each, the files beside the manifests that are not objects; the rest is audited", async () => {
		const dir = folder({
			"overlay/kustomization.yaml":
				"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [app.yaml]\npatches: [{path: replicas.yaml}]\n",
			"overlay/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec: {replicas: 3}\n",
			"overlay/app.yaml": deploymentYaml("app"),
			"chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 1.0.0\n",
			"chart/values.yaml": "replicaCount: 2\n",
			"chart/templates/deployment.yaml":
				"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n",
			"config/app-settings.yaml": "logLevel: debug\nfeatures: [a, b]\n",
			"values-prod.yaml": "replicaCount: 3\n",
			"package.json": '{"name": "x"}',
			"template.yaml":
				"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{ .Values.labels | toYaml }} x\n",
		});
		const { snapshots, skipped } = await read([dir], dir);
		expect(snapshots.map((s) => s.namespace)).toEqual(["default"]);
		expect(snapshots[0]?.resources.Deployment?.items.map((d) => d.metadata.name)).toEqual(["app"]);
		expect(Object.fromEntries(skipped.map((s) => [s.file, s.reason.split(/[:(]/)[0]?.trim()]))).toEqual({
			"chart/Chart.yaml": "a file of a Helm chart, not rendered manifests",
			"chart/templates/deployment.yaml": "a file of a Helm chart, not rendered manifests",
			"chart/values.yaml": "a file of a Helm chart, not rendered manifests",
			"config/app-settings.yaml": "holds no Kubernetes objects",
			"overlay/kustomization.yaml": "a kustomization, not a Kubernetes object",
			"overlay/replicas.yaml": "a patch a kustomization applies, not a whole object",
			"package.json": "holds no Kubernetes objects",
			"template.yaml": "a template",
			"values-prod.yaml": "Helm values, not Kubernetes objects",
		});
	});

	it("names a lone kustomization or values file for what it is when nothing else is left", async () => {
		const kustomize = folder({
			"kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n",
		});
		expect((await failure(read(["kustomization.yaml"], kustomize))).message).toContain("kubectl kustomize");
		const values = folder({ "values.yaml": "replicaCount: 2\nimage: {repository: nginx}\n" });
		expect((await failure(read(["values.yaml"], values))).message).toContain("helm template");
	});

	it("reads generateName objects, legacy API groups, and tells custom kinds from built-in ones by group", async () => {
		const dir = folder({
			"job.yaml":
				"apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: migrate-, namespace: shop}\nspec: {template: {spec: {containers: []}}}\n",
			"old.yaml": deploymentYaml("legacy", "shop").replace("apps/v1", "extensions/v1beta1"),
			"knative.yaml":
				"apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{image: hello:1}]\n",
		});
		const snapshot = only(await read([dir], dir));
		expect(snapshot.resources.Job?.items.map((j) => j.metadata.name)).toEqual(["migrate-"]);
		expect(snapshot.resources.Deployment?.items.map((d) => `${d.apiVersion} ${d.metadata.name}`)).toEqual(["extensions/v1beta1 legacy"]);
		expect(snapshot.resources.Service?.items).toEqual([]);
		expect(snapshot.others?.map((o) => `${o.apiVersion} ${o.kind}/${o.metadata.name}`)).toEqual(["serving.knative.dev/v1 Service/hello"]);
	});

	it("applies the API server's defaults, so that files and the live API agree", async () => {
		const dir = folder({
			"a.yaml": `${deploymentYaml("a", "shop").replace('image: "x:1"}', 'image: "x:1", livenessProbe: {httpGet: {port: 8080}}}')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: a, namespace: shop}
spec: {scaleTargetRef: {kind: Deployment, name: a}, maxReplicas: 4}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec: {podSelector: {}, egress: [{}]}
`,
		});
		const snapshot = only(await read([dir], dir));
		const deployment = snapshot.resources.Deployment?.items[0] as {
			spec: { replicas: number; template: { spec: { containers: { livenessProbe: unknown }[] } } };
		};
		expect(deployment.spec.replicas).toBe(1);
		expect(deployment.spec.template.spec.containers[0]?.livenessProbe).toEqual({
			httpGet: { port: 8080, path: "/", scheme: "HTTP" },
			timeoutSeconds: 1,
			periodSeconds: 10,
			successThreshold: 1,
			failureThreshold: 3,
		});
		expect(snapshot.resources.HorizontalPodAutoscaler?.items[0]?.spec).toMatchObject({ minReplicas: 1 });
		expect(snapshot.resources.NetworkPolicy?.items[0]?.spec).toMatchObject({ policyTypes: ["Ingress", "Egress"] });
	});

	it("keeps the YAML parser's warnings off stderr", async () => {
		const warnings: string[] = [];
		const listen = (warning: Error) => warnings.push(warning.message);
		process.on("warning", listen);
		try {
			const dir = folder({
				"odd.yaml": `${deploymentYaml("a", "shop")}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: odd, namespace: shop}\ndata:\n  ? [a, b]\n  : c\n  tagged: !custom value\n`,
				"kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [!custom odd.yaml]\n",
			});
			const snapshot = only(await read([dir], dir));
			expect(snapshot.others?.map((o) => o.metadata.name)).toEqual(["odd"]);
			await new Promise((resolve) => setImmediate(resolve));
			expect(warnings).toEqual([]);
		} finally {
			process.off("warning", listen);
		}
	});
});
