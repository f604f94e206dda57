import { describe, expect, it } from "vitest";
import { z } from "zod";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { reportJson } from "../../src/readiness/render-json.ts";
import { reportSarif } from "../../src/readiness/render-sarif.ts";
import { reportText } from "../../src/readiness/render-text.ts";
import { buildReport } from "../../src/readiness/report.ts";
import { deployment, snapshotOf } from "./snapshot-builder.ts";

const now = new Date("2026-11-21T12:00:00Z");
const CORE = ["resources", "health", "rbac", "replicas", "observability", "security"] as const;
const COMPLETE = [...CORE, "gitops", "policy", "backups", "quota"] as const;

const itemSchema = z.object({
	status: z.enum(["pass", "warn", "fail", "unknown", "n/a"]),
	findings: z.array(
		z.object({
			check: z.string(),
			level: z.enum(["fail", "warn", "unknown", "note", "info"]),
			message: z.string(),
			term: z.string(),
			episode: z.number(),
		}),
	),
});

/** DESIGN.md's command-line contract, as a schema: other tools rely on exactly this. */
function contract(items: readonly string[]) {
	return z.object({
		workloads: z.array(
			z.object({
				kind: z.string(),
				name: z.string(),
				namespace: z.string(),
				items: z.strictObject(Object.fromEntries(items.map((i) => [i, itemSchema]))),
			}),
		),
	});
}

describe("JSON contract", () => {
	it("has workloads with kind, name, namespace and items keyed by the core items", async () => {
		const json = JSON.parse(reportJson(buildReport(await demoSnapshot(now), { now })));
		expect(contract(CORE).safeParse(json).error).toBeUndefined();
		expect(json.workloads.length).toBe(10);
		expect(json.workloads.find((w: { name: string }) => w.name === "nightly-export").items.replicas.status).toBe("n/a");
	});

	it("adds the Episode 10 items in the complete profile", async () => {
		const json = JSON.parse(reportJson(buildReport(await demoSnapshot(now), { now, profile: "complete" })));
		expect(contract(COMPLETE).safeParse(json).error).toBeUndefined();
	});

	it("rejects a document that breaks the contract (the schema can fail)", () => {
		expect(
			contract(CORE).safeParse({
				workloads: [{ kind: "Deployment", name: "a", namespace: "x", items: { resources: { status: "ok", findings: [] } } }],
			}).success,
		).toBe(false);
	});
});

describe("SARIF 2.1.0", () => {
	it("has rules from the checks and results pointing at manifest lines", async () => {
		const sarif = JSON.parse(reportSarif(buildReport(await demoSnapshot(now), { now })));
		expect(sarif.version).toBe("2.1.0");
		expect(sarif.$schema).toContain("sarif-2.1.0");
		const run = sarif.runs[0];
		const rules: { id: string; helpUri: string; help: { text: string } }[] = run.tool.driver.rules;
		expect(rules.length).toBeGreaterThan(20);
		for (const rule of rules) {
			expect(rule.helpUri).toMatch(/^https:\/\//);
			expect(rule.help.text).toContain("/explain ");
		}
		expect(run.results.length).toBeGreaterThan(0);
		for (const result of run.results) {
			expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
			expect(["error", "warning", "note"]).toContain(result.level);
			expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^demo\//);
		}
		const root = run.results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === "security-non-root");
		expect(root.locations[0].physicalLocation).toEqual({
			artifactLocation: { uri: expect.stringMatching(/demo-cluster\/workloads\.yaml$/) },
			region: { startLine: expect.any(Number) },
		});
	});

	it("uses logical locations only for a live snapshot", () => {
		const sarif = JSON.parse(reportSarif(buildReport(snapshotOf([deployment("api", { replicas: 1 })]), { now })));
		const results = sarif.runs[0].results;
		expect(results.length).toBeGreaterThan(0);
		expect(results.every((r: { locations: { physicalLocation?: unknown }[] }) => r.locations[0]?.physicalLocation === undefined)).toBe(
			true,
		);
	});
});

describe("SARIF fingerprints", () => {
	it("gives two results of one rule on one container distinct fingerprints, so code scanning keeps both", () => {
		// No CPU and no memory request: two resources-requests results on container "api".
		const bare = { containers: [{ name: "api", image: "registry.example.com/api:1.0.0" }] };
		const sarif = JSON.parse(reportSarif(buildReport(snapshotOf([deployment("api", { spec: bare })]), { now })));
		const requests = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "resources-requests");
		expect(requests).toHaveLength(2);
		const prints = requests.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["kubecoach/v1"]);
		expect(new Set(prints).size).toBe(2);
	});
});

describe("terminal output", () => {
	it("counts workloads, not findings, for a finding shared across the namespace", () => {
		// Two containers each missing both requests, in two workloads: "(2 workloads)", never 4.
		const spec = {
			containers: [
				{ name: "a", image: "registry.example.com/a:1.0.0" },
				{ name: "b", image: "registry.example.com/b:1.0.0" },
			],
		};
		const snapshot = snapshotOf([deployment("one", { spec }), deployment("two", { spec })], {
			NetworkPolicy: { state: "forbidden", reason: "networkpolicies is forbidden" },
		});
		const text = reportText(buildReport(snapshot, { now }), { color: false });
		const shared = text.split("\n").filter((l) => l.includes("Cannot tell whether a NetworkPolicy isolates it"));
		expect(shared.length).toBeGreaterThan(0);
		for (const line of shared) expect(line).toMatch(/\(2 workloads\)$/);
	});

	it("aligns the table and colours only when asked", async () => {
		const report = buildReport(await demoSnapshot(now), { now });
		const plain = reportText(report, { color: false });
		expect(plain).not.toContain("\u001b[");
		const lines = plain.split("\n");
		const header = lines.find((l) => l.startsWith("WORKLOAD")) ?? "";
		const row = lines.find((l) => l.startsWith("Deployment/checkout")) ?? "";
		expect(row.indexOf("pass")).toBe(header.indexOf("RESOURCES"));
		expect(reportText(report, { color: true })).toContain("\u001b[31m");
	});

	it("says when what is failing now cannot be known", () => {
		const report = buildReport(snapshotOf([deployment("api")], { Pod: { state: "forbidden", reason: "pods is forbidden" } }), { now });
		expect(reportText(report, { color: false })).toContain("Failing now\n  unknown: pods could not be listed (pods is forbidden).");
		expect(report.visibility).toContainEqual({ kind: "Pod", state: "forbidden", reason: "pods is forbidden" });
	});
});
