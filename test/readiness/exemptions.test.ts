import { describe, expect, it } from "vitest";
import { readExemptions } from "../../src/readiness/checks/exemptions.ts";
import { reportJson } from "../../src/readiness/render-json.ts";
import { reportSarif } from "../../src/readiness/render-sarif.ts";
import { reportText } from "../../src/readiness/render-text.ts";
import { buildReport, reportExitCode } from "../../src/readiness/report.ts";
import { deployment, passingNeighbours, snapshotOf } from "./snapshot-builder.ts";

const now = new Date("2026-11-21T12:00:00Z");

describe("exemption annotations", () => {
	it("reads a reason and an optional expiry (valid through that day)", () => {
		expect(readExemptions({ "kubecoach.io/exempt-replicas": "singleton by design" }, now)).toEqual([
			{ kind: "valid", item: "replicas", exemption: { reason: "singleton by design" } },
		]);
		expect(readExemptions({ "kubecoach.io/exempt-replicas": "leader election; expires=2026-11-21" }, now)[0]).toMatchObject({
			kind: "valid",
		});
		expect(readExemptions({ "kubecoach.io/exempt-replicas": "x; expires=2026-11-20" }, now)[0]).toMatchObject({
			kind: "ignored",
			why: "it expired on 2026-11-20",
		});
	});

	it("ignores, with the reason, exemptions without reason, with a bad date or for an unknown item", () => {
		const reads = readExemptions(
			{
				"kubecoach.io/exempt-health": "expires=2027-01-01",
				"kubecoach.io/exempt-security": "legacy; expires=next week",
				"kubecoach.io/exempt-probes": "old name",
				"kubecoach.io/exempt-rbac": "x; expires=2027-02-30",
				"other.io/exempt-rbac": "not ours",
			},
			now,
		);
		expect(reads.map((r) => (r.kind === "ignored" ? r.why : r.kind))).toEqual([
			"an exemption needs a reason",
			"expires=next week is not a date (use YYYY-MM-DD)",
			expect.stringContaining('"probes" is not a checklist item'),
			"expires=2027-02-30 is not a date (use YYYY-MM-DD)",
		]);
	});

	it("shows an exempt item with its reason and real verdict, and does not fail the run for it", () => {
		const api = deployment("api", {
			replicas: 1,
			annotations: { "kubecoach.io/exempt-replicas": "leader-elected singleton; expires=2027-01-31" },
		});
		const report = buildReport(snapshotOf([api, ...passingNeighbours("api")]), { now });
		const replicas = report.workloads[0]?.items.replicas;
		expect(replicas).toMatchObject({ status: "fail", exempt: { reason: "leader-elected singleton", expires: "2027-01-31" } });
		expect(report.workloads[0]?.status).toBe("pass");
		expect(reportExitCode(report)).toBe(0);
		expect(report.summary.items.replicas?.exempt).toBe(1);
		expect(JSON.parse(reportJson(report)).workloads[0].items.replicas.exempt.reason).toBe("leader-elected singleton");
		expect(reportText(report, { color: false })).toContain("exempt replicas: leader-elected singleton (until 2027-01-31)");
		const sarif = JSON.parse(reportSarif(report));
		const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "replicas-minimum");
		expect(result.suppressions).toEqual([{ kind: "inSource", justification: "leader-elected singleton" }]);
	});

	it("evaluates normally and notes it when the exemption has expired", () => {
		const api = deployment("api", { replicas: 1, annotations: { "kubecoach.io/exempt-replicas": "temporary; expires=2026-01-31" } });
		const report = buildReport(snapshotOf([api, ...passingNeighbours("api")]), { now });
		expect(report.workloads[0]?.items.replicas?.exempt).toBeUndefined();
		expect(report.workloads[0]?.items.replicas?.findings.map((f) => f.message)).toContain(
			"kubecoach.io/exempt-replicas ignored: it expired on 2026-01-31.",
		);
		expect(reportExitCode(report)).toBe(1);
	});
});
