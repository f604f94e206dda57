import { describe, expect, it } from "vitest";
import { demoPath, demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { buildReport, reportExitCode } from "../../src/readiness/report.ts";

const now = new Date("2026-11-21T12:00:00Z");

describe("demo namespace", () => {
	it("shows each typical flaw on the workload that carries it, and a clean reference", async () => {
		expect(demoPath()).toMatch(/content\/demo-cluster\/$/);
		const report = buildReport(await demoSnapshot(now), { now });
		const verdicts = Object.fromEntries(
			report.workloads.map((w) => [
				`${w.kind}/${w.name}`,
				report.items.map((i) => (w.items[i]?.exempt === undefined ? w.items[i]?.status : "exempt")).join(" "),
			]),
		);
		expect(verdicts).toEqual({
			"Deployment/catalog": "fail pass pass pass warn pass",
			"Deployment/checkout": "pass pass pass pass pass pass",
			"Deployment/frontend": "pass pass pass pass exempt fail",
			"Deployment/image-resizer": "pass pass pass pass pass fail",
			"Deployment/ledger": "pass pass pass pass pass pass",
			"Deployment/notifications": "pass fail pass pass pass pass",
			"Deployment/reports": "pass pass fail fail pass pass",
			"Deployment/search": "pass pass pass fail pass pass",
			"Deployment/worker": "pass pass pass pass pass pass",
			"CronJob/nightly-export": "pass n/a pass n/a pass pass",
		});
		expect(report.failingNow.map((f) => `${f.reason} ${f.workload.name}`).sort()).toEqual([
			"CrashLoopBackOff ledger",
			"OOMKilled worker",
			"Unschedulable search",
		]);
		expect(report.namespaceFindings.map((f) => `${f.level}: ${f.message}`)).toEqual([
			'fail: ClusterRoleBinding demo-ops-bot-admin binds cluster-admin to service account "ops-bot", cluster-wide.',
			"warn: NetworkPolicy legacy-api-ingress selects no workload in the namespace.",
		]);
		expect(reportExitCode(report)).toBe(1);
	});
});
