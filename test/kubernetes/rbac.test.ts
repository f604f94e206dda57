import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { KIND_PLAN } from "../../src/readiness/kind-plan.ts";

const BUILT_IN_KINDS = KIND_PLAN.filter((spec) => !spec.crd);
const OPTIONAL_KINDS = KIND_PLAN.filter((spec) => spec.crd);

import { CRDS, type FakeApiServer, type LoggedRequest, startFakeApiServer } from "./fake-apiserver.ts";
import { readerFor } from "./reader-for.ts";
import { seedNamespace } from "./seed.ts";

interface Rule {
	apiGroups?: string[];
	resources?: string[];
	verbs: string[];
	nonResourceURLs?: string[];
}

const documents = parseAllDocuments(readFileSync(new URL("../../deploy/rbac.yaml", import.meta.url), "utf8")).map(
	(doc) => doc.toJS() as { kind: string; metadata: { name: string }; rules?: Rule[]; roleRef?: { name: string }; subjects?: unknown[] },
);
const clusterRole = documents.find((doc) => doc.kind === "ClusterRole");
const rules = clusterRole?.rules ?? [];

/** What RBAC sees in a request, the way the API server's request-info resolver splits a path. */
function attributes(request: LoggedRequest): { verb: string; group: string; resource: string } | { verb: string; url: string } {
	const parts = request.path.split("/").filter(Boolean);
	const resourceRequest = (parts[0] === "api" && parts.length >= 3) || (parts[0] === "apis" && parts.length >= 4);
	if (!resourceRequest) return { verb: request.method.toLowerCase(), url: request.path };
	const [group, rest] = parts[0] === "api" ? ["", parts.slice(2)] : [parts[1] ?? "", parts.slice(3)];
	const tail = rest[0] === "namespaces" && rest.length > 2 ? rest.slice(2) : rest;
	const named = tail.length === 2 || (rest[0] === "namespaces" && rest.length === 2);
	const resource = rest[0] === "namespaces" && rest.length === 2 ? "namespaces" : (tail[0] ?? "");
	const verb = named ? "get" : request.params.get("watch") === "true" ? "watch" : "list";
	return { verb, group, resource };
}

function allowed(request: LoggedRequest): boolean {
	const want = attributes(request);
	return rules.some((rule) => {
		if (!rule.verbs.includes(want.verb)) return false;
		if ("url" in want) return rule.nonResourceURLs?.includes(want.url) ?? false;
		return (rule.apiGroups?.includes(want.group) ?? false) && (rule.resources?.includes(want.resource) ?? false);
	});
}

let api: FakeApiServer;
beforeAll(async () => {
	// Every optional group installed, so every kind of request the reader can make is exercised.
	api = await startFakeApiServer({
		crds: [
			...CRDS.prometheus,
			...CRDS.trivy,
			...CRDS.argo,
			...CRDS.kyverno,
			...CRDS.velero,
			...CRDS.openshift,
			{ group: "kustomize.toolkit.fluxcd.io", version: "v1", plural: "kustomizations", kind: "Kustomization", namespaced: true },
			{ group: "helm.toolkit.fluxcd.io", version: "v2", plural: "helmreleases", kind: "HelmRelease", namespaced: true },
			{ group: "templates.gatekeeper.sh", version: "v1", plural: "constrainttemplates", kind: "ConstraintTemplate", namespaced: false },
		],
	});
	seedNamespace(api, "payments", 4, 2);
});
afterAll(async () => {
	await api.close();
});

describe("deploy/rbac.yaml: least privilege for the reader", () => {
	it("binds a ClusterRole without secrets, wildcards or watch to the kubecoach service account", () => {
		expect(documents.map((doc) => doc.kind)).toEqual(["ServiceAccount", "ClusterRole", "ClusterRoleBinding"]);
		const text = JSON.stringify(rules);
		expect(text).not.toContain("secrets");
		expect(text).not.toContain("*");
		expect(rules.flatMap((rule) => rule.verbs).every((verb) => verb === "get" || verb === "list")).toBe(true);
		const binding = documents.find((doc) => doc.kind === "ClusterRoleBinding");
		expect(binding?.roleRef?.name).toBe(clusterRole?.metadata.name);
		expect(binding?.subjects).toEqual([{ kind: "ServiceAccount", name: "kubecoach", namespace: "kubecoach" }]);
	});

	it("allows every request the reader makes, and nothing the reader does not need", async () => {
		const from = api.requests.length;
		const snapshot = await readerFor(api, { pageSize: 3 }).readNamespace("payments");
		const made = api.requests.slice(from);
		expect(snapshot.resources.Kustomization?.state).toBe("listed"); // the optional lists really ran
		expect(made.filter((request) => !allowed(request)).map((request) => request.path)).toEqual([]);

		// Every rule is used: the role grants nothing beyond the plan (discovery versions aside,
		// which cover the alternative versions each group may serve).
		const used = new Set(made.map((request) => JSON.stringify(attributes(request))));
		for (const rule of rules.filter((rule) => rule.resources)) {
			for (const resource of rule.resources ?? []) {
				const group = rule.apiGroups?.[0] ?? "";
				const verb = rule.verbs[0] ?? "";
				expect(used.has(JSON.stringify({ verb, group, resource })), `${verb} ${group}/${resource}`).toBe(true);
			}
		}
	});

	it("covers the plural of every kind in the reader's plan", () => {
		for (const spec of [...BUILT_IN_KINDS, ...OPTIONAL_KINDS]) {
			const rule = rules.find((r) => r.apiGroups?.includes(spec.group) && r.resources?.includes(spec.plural));
			expect(rule?.verbs, `${spec.group}/${spec.plural}`).toContain("list");
		}
		for (const spec of OPTIONAL_KINDS) {
			for (const version of spec.versions) {
				const url = `/apis/${spec.group}/${version}`;
				expect(
					rules.some((r) => r.nonResourceURLs?.includes(url)),
					url,
				).toBe(true);
			}
		}
	});
});
