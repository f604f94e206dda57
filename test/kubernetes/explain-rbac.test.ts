import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { createObjectReader } from "../../adapters/kubernetes/object-reader.ts";
import { EVENTS, type LoggedRequest, startFakeApiServer } from "./fake-apiserver.ts";
import { kubeconfigYaml } from "./test-certs.ts";

interface Rule {
	apiGroups?: string[];
	resources?: string[];
	verbs: string[];
}

const role = parseAllDocuments(readFileSync(new URL("../../deploy/rbac-explain.yaml", import.meta.url), "utf8"))
	.map((doc) => doc.toJS() as { kind: string; metadata: { name: string }; rules?: Rule[] })
	.find((doc) => doc.kind === "ClusterRole" && doc.metadata.name === "kubecoach-explain-reader");
const rules = role?.rules ?? [];

/** The verb, group and resource RBAC sees in a request path. */
function attributes(request: LoggedRequest): { verb: string; group: string; resource: string } {
	const parts = request.path.split("/").filter(Boolean);
	const [group, rest] = parts[0] === "api" ? ["", parts.slice(2)] : [parts[1] ?? "", parts.slice(3)];
	const tail = rest[0] === "namespaces" ? rest.slice(2) : rest;
	return { verb: tail.length === 2 ? "get" : "list", group, resource: tail[0] ?? "" };
}

describe("deploy/rbac-explain.yaml: least privilege for /explain pod/NAME", () => {
	it("grants exactly what the object reader asks for, and never Secrets", async () => {
		const api = await startFakeApiServer({ crds: [EVENTS] });
		try {
			api.addNamespace("shop");
			api.add("pods", "", { metadata: { name: "web-0", namespace: "shop", labels: { app: "web" } }, status: { phase: "Running" } });
			api.add("deployments", "apps", { metadata: { name: "web", namespace: "shop" }, spec: { selector: { matchLabels: { app: "web" } } } });
			const yaml = kubeconfigYaml([{ name: "stand-in", server: api.url, caPem: api.certs.caPem, token: api.token }]);
			const reader = createObjectReader({ kubeconfigYaml: yaml, requestTimeoutMs: 2_000 });
			await reader.readObject({ kind: "Pod", namespace: "shop", name: "web-0" });
			await reader.readObject({ kind: "Deployment", namespace: "shop", name: "web" });
			const asked = api.requests.map(attributes);
			const allowed = (a: { verb: string; group: string; resource: string }) =>
				rules.some((r) => r.verbs.includes(a.verb) && (r.apiGroups ?? []).includes(a.group) && (r.resources ?? []).includes(a.resource));
			expect(asked.filter((a) => !allowed(a))).toEqual([]);
			for (const rule of rules) {
				for (const resource of rule.resources ?? []) {
					for (const verb of rule.verbs) {
						expect(
							asked.some((a) => a.verb === verb && a.resource === resource && a.group === (rule.apiGroups?.[0] ?? "")),
							`${verb} ${resource}`,
						).toBe(true);
					}
				}
			}
			expect(JSON.stringify(rules)).not.toMatch(/secrets|\*|watch/);
		} finally {
			await api.close();
		}
	});
});
