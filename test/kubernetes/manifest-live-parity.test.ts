import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findManifestFiles, readAhead } from "../../adapters/kubernetes/manifest-files.ts";
import { parseManifest } from "../../adapters/kubernetes/manifest-parse.ts";
import { readManifests } from "../../adapters/kubernetes/manifest-reader.ts";
import { CHECKS } from "../../src/readiness/checks/catalog.ts";
import { evaluateCheck } from "../../src/readiness/checks/evaluate.ts";
import { specOf } from "../../src/readiness/kind-plan.ts";
import { buildReport } from "../../src/readiness/report.ts";
import type { KubeObject, NamespaceSnapshot } from "../../src/readiness/snapshot.ts";
import { CRDS, type FakeApiServer, startFakeApiServer } from "./fake-apiserver.ts";
import { readerFor } from "./reader-for.ts";

/**
 * The same objects through both readers: manifest mode reads the files, the live reader reads
 * them back from the HTTPS stand-in of the API server (which, like etcd, stores them as given:
 * the core applies the API's defaults for both). Wherever manifest mode can see the same
 * evidence, every check gives the same verdict with the same finding levels. Where it cannot
 * (scan reports, bindings of accounts the files do not create), manifest mode says `n/a` or
 * `unknown` and the live verdict is not compared.
 */

const NOW = new Date("2026-11-21T12:00:00Z");
const READINESS = join(import.meta.dirname, "..", "readiness");

const CASES: readonly { readonly name: string; readonly paths: readonly string[]; readonly namespace: string }[] = [
	{ name: "a hardened app", paths: ["audits/pass.hardened-app"], namespace: "shop" },
	{ name: "severity by evidence", paths: ["audits/fail.severity-by-evidence"], namespace: "shop" },
	{ name: "Online Boutique", paths: ["audits/fail.online-boutique"], namespace: "default" },
	{ name: "Istio Bookinfo", paths: ["audits/fail.istio-bookinfo"], namespace: "default" },
	{ name: "ReplicationControllers", paths: ["audits/fail.guestbook-legacy-replication-controllers"], namespace: "default" },
	{ name: "RBAC without workloads", paths: ["audits/fail.rbac-without-workloads"], namespace: "ci" },
	{
		name: "a PDB with neither minAvailable nor maxUnavailable",
		paths: ["fixtures/replicas/replicas-pdb-allows-eviction/fail.polaris-spec-without-min-or-max.yaml"],
		namespace: "shop",
	},
	{
		name: "an HPA without minReplicas",
		paths: ["fixtures/replicas/replicas-minimum/fail.polaris-hpa-min-replicas-absent.yaml"],
		namespace: "shop",
	},
	{
		name: "probes equal after defaults",
		paths: ["fixtures/health/health-probes-identical/warn.identical-after-api-defaults.yaml"],
		namespace: "shop",
	},
	{
		name: "an Egress-only policy",
		paths: ["fixtures/security/security-network-policy/fail.kube-score-only-egress.yaml"],
		namespace: "testspace",
	},
	{ name: "an Argo Rollout", paths: ["fixtures/replicas/replicas-minimum/fail.argo-rollout-one-replica.yaml"], namespace: "shop" },
];

/** Checks whose evidence a manifest can never carry: not compared. */
const LIVE_ONLY = new Set(["security-image-scan", "gitops-managed"]);

let api: FakeApiServer;
beforeAll(async () => {
	api = await startFakeApiServer({
		crds: [...CRDS.prometheus, ...CRDS.trivy, ...CRDS.argo, ...CRDS.kyverno, ...CRDS.velero, ...CRDS.openshift],
	});
});
afterAll(async () => {
	await api.close();
});

async function manifestSnapshot(paths: readonly string[], namespace: string): Promise<NamespaceSnapshot> {
	const { snapshots } = await readManifests(
		paths.map((p) => join(READINESS, p)),
		{ cwd: READINESS, now: NOW, defaultNamespace: namespace },
	);
	const snapshot = snapshots.find((s) => s.namespace === namespace);
	if (snapshot === undefined) throw new Error(`no namespace ${namespace} in ${paths.join(", ")}`);
	return snapshot;
}

/** Stores the objects of the files in the stand-in, in a namespace of their own per case. */
function apply(objects: readonly KubeObject[], from: string, to: string): void {
	api.addNamespace(to);
	for (const object of objects) {
		const spec = specOf(object.apiVersion, object.kind);
		if (spec === undefined) continue;
		// The object's namespace, its subjects and cross-namespace references follow the case's namespace.
		const json = JSON.stringify(object)
			.replaceAll(`"namespace":"${from}"`, `"namespace":"${to}"`)
			.replaceAll(`system:serviceaccounts:${from}"`, `system:serviceaccounts:${to}"`)
			.replaceAll(`system:serviceaccount:${from}:`, `system:serviceaccount:${to}:`);
		api.add(spec.plural, spec.group, JSON.parse(json));
	}
}

/** The objects as written in the files, before any default: what `kubectl apply` would send. */
async function written(paths: readonly string[], namespace: string): Promise<KubeObject[]> {
	const files = (await findManifestFiles(paths, READINESS)).filter((f) => f.skip === undefined);
	const objects: KubeObject[] = [];
	for await (const { file, text } of readAhead(files)) {
		const parsed = parseManifest(text, file.shown);
		if ("skip" in parsed) continue;
		for (const { object } of parsed.objects) {
			const placed = object.metadata.namespace === undefined && specOf(object.apiVersion, object.kind)?.scope !== "cluster";
			objects.push(placed ? { ...object, metadata: { ...object.metadata, namespace } } : object);
		}
	}
	return objects;
}

describe("manifest mode and the live reader agree on the same objects", () => {
	it.each(CASES.map((c, index) => [c.name, c, index] as const))("%s", async (_name, c, index) => {
		const files = await manifestSnapshot(c.paths, c.namespace);
		// Each case gets its own namespace in the stand-in (cluster-scoped RBAC is renamed with it).
		const live = `${c.namespace}-${index}`;
		apply(await written(c.paths, c.namespace), c.namespace, live);
		const read = await readerFor(api).readNamespace(live);
		const rename = (s: string) => s.replaceAll(live, c.namespace);
		let compared = 0;
		for (const check of CHECKS) {
			if (LIVE_ONLY.has(check.id)) continue;
			const fromFiles = evaluateCheck(files, check.id, { now: NOW });
			const fromCluster = evaluateCheck(read, check.id, { now: NOW });
			expect(
				fromCluster.map((r) => r.workload),
				check.id,
			).toEqual(fromFiles.map((r) => r.workload));
			fromFiles.forEach((f, i) => {
				const l = fromCluster[i];
				// What manifest mode cannot see, it says so: those verdicts are not compared.
				if (f.status === "unknown" || f.findings.some((x) => x.level === "unknown")) return;
				const levels = (r: typeof f) => r.findings.map((x) => `${x.level} ${x.container ?? ""}`).sort();
				expect({ check: check.id, workload: f.workload, status: l?.status, levels: l && levels(l) }).toEqual({
					check: check.id,
					workload: rename(f.workload),
					status: f.status,
					levels: levels(f),
				});
				compared++;
			});
		}
		// Objects judged on their own (bindings, invalid objects, budgets that select nothing).
		const objects = (snapshot: NamespaceSnapshot) =>
			buildReport(snapshot, { now: NOW })
				.namespaceFindings.map((f) => `${f.check} ${f.level} ${f.object?.kind}/${f.object?.name}`)
				.sort();
		expect(objects(read)).toEqual(objects(files));
		compared += objects(files).length;
		expect(compared).toBeGreaterThan(0);
	});
});
