import { describe, expect, it } from "vitest";
import { KIND_PLAN } from "../../src/readiness/kind-plan.ts";

const OPTIONAL_KINDS = KIND_PLAN.filter((spec) => spec.crd);

import { CRDS, startFakeApiServer } from "./fake-apiserver.ts";
import { pathsSince, readerFor } from "./reader-for.ts";
import { seedNamespace } from "./seed.ts";

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });

describe("live reader: optional kinds through discovery", () => {
	it("a cluster without any of the CRDs: every optional kind absent, after one discovery request", async () => {
		const api = await startFakeApiServer();
		try {
			seedNamespace(api, "payments", 1, 1);
			const from = api.requests.length;
			const snapshot = await readerFor(api).readNamespace("payments");
			for (const spec of OPTIONAL_KINDS) {
				expect(snapshot.resources[spec.kind]?.state, spec.kind).toBe("absent");
				expect(snapshot.resources[spec.kind]?.reason, spec.kind).toContain(spec.group);
			}
			const paths = pathsSince(api, from);
			expect(paths.filter((p) => p === "/apis")).toHaveLength(1);
			expect(paths.filter((p) => /^\/apis\/[^/]+\/[^/?]+$/.test(p))).toEqual([]); // no per-group discovery
			expect(paths.some((p) => p.includes("monitoring.coreos.com"))).toBe(false);
		} finally {
			await api.close();
		}
	});

	it("installed CRDs are listed (one discovery GET per group); a missing kind of a served group is absent", async () => {
		// kyverno.io served with both kinds; monitoring.coreos.com served with ServiceMonitor only.
		const api = await startFakeApiServer({
			crds: [...CRDS.kyverno, ...CRDS.trivy, ...CRDS.argo, ...CRDS.velero, ...CRDS.prometheus.slice(0, 1)],
		});
		try {
			seedNamespace(api, "payments", 1, 1);
			api.addNamespace("monitoring");
			api.add(
				"servicemonitors",
				"monitoring.coreos.com",
				{ metadata: meta("app-0", "payments"), spec: { selector: { matchLabels: { app: "app-0" } } } },
				{ metadata: meta("central", "monitoring"), spec: { namespaceSelector: { matchNames: ["payments"] }, selector: {} } },
				{ metadata: meta("unrelated", "monitoring"), spec: { namespaceSelector: { matchNames: ["billing"] }, selector: {} } },
			);
			api.add("clusterpolicies", "kyverno.io", { metadata: meta("require-limits"), spec: {} });
			api.add("policies", "kyverno.io", { metadata: meta("local", "payments"), spec: {} }, { metadata: meta("theirs", "other"), spec: {} });
			api.add("vulnerabilityreports", "aquasecurity.github.io", {
				metadata: meta("replicaset-app-0-5d9f-app-0", "payments"),
				report: { summary: { criticalCount: 0 } },
			});
			api.add(
				"applications",
				"argoproj.io",
				{ metadata: meta("payments", "argocd"), spec: { destination: { namespace: "payments" } } },
				{ metadata: meta("billing", "argocd"), spec: { destination: { namespace: "billing" } } },
			);
			api.add(
				"schedules",
				"velero.io",
				{ metadata: meta("nightly-all", "velero"), spec: { template: {} } },
				{ metadata: meta("payments-only", "velero"), spec: { template: { includedNamespaces: ["payments"] } } },
				{ metadata: meta("not-payments", "velero"), spec: { template: { includedNamespaces: ["*"], excludedNamespaces: ["payments"] } } },
			);

			const from = api.requests.length;
			const snapshot = await readerFor(api).readNamespace("payments");
			const names = (kind: keyof typeof snapshot.resources) => snapshot.resources[kind]?.items.map((item) => item.metadata.name).sort();

			expect(names("ServiceMonitor")).toEqual(["app-0", "central"]);
			expect(snapshot.resources.ServiceMonitor?.items[0]).toMatchObject({ apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor" });
			expect(snapshot.resources.PodMonitor).toMatchObject({ state: "absent" });
			expect(snapshot.resources.PodMonitor?.reason).toContain("not installed");
			expect(names("ClusterPolicy")).toEqual(["require-limits"]);
			expect(names("Policy")).toEqual(["local"]);
			expect(names("VulnerabilityReport")).toEqual(["replicaset-app-0-5d9f-app-0"]);
			expect(names("Application")).toEqual(["payments"]);
			expect(names("Schedule")).toEqual(["nightly-all", "payments-only"]);
			expect(snapshot.resources.Kustomization?.state).toBe("absent");

			const discovery = pathsSince(api, from)
				.filter((p) => /^\/apis(\/[^/]+\/[^/?]+)?$/.test(p))
				.sort();
			expect(discovery).toEqual([
				"/apis",
				"/apis/aquasecurity.github.io/v1alpha1",
				"/apis/argoproj.io/v1alpha1",
				"/apis/kyverno.io/v1",
				"/apis/monitoring.coreos.com/v1",
				"/apis/velero.io/v1",
			]);
		} finally {
			await api.close();
		}
	});

	it("a refused discovery of one group makes its kinds forbidden, not the read fail", async () => {
		const api = await startFakeApiServer({ crds: [...CRDS.prometheus] });
		try {
			seedNamespace(api, "payments", 1, 1);
			api.forbid("/apis/monitoring.coreos.com/v1");
			const snapshot = await readerFor(api).readNamespace("payments");
			expect(snapshot.resources.ServiceMonitor?.state).toBe("forbidden");
			expect(snapshot.resources.ServiceMonitor?.reason).toContain("/apis/monitoring.coreos.com/v1");
			expect(snapshot.resources.Pod?.state).toBe("listed");
		} finally {
			await api.close();
		}
	});
});
