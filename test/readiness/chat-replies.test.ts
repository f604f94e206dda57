import { describe, expect, it } from "vitest";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { readinessReplies } from "../../src/readiness/chat-replies.ts";
import { buildReport } from "../../src/readiness/report.ts";
import { deployment, passingNeighbours, snapshotOf } from "./snapshot-builder.ts";

const now = new Date("2026-11-21T12:00:00Z");

describe("readiness replies for chat", () => {
	it("gives a header with the score, a table, the top failures, what fails now and explain buttons", async () => {
		const replies = readinessReplies(buildReport(await demoSnapshot(now), { now }));
		const [summary, failures, failingNow] = replies;
		expect(summary?.header).toMatch(/^Readiness of demo: \d+\/100$/);
		expect(summary?.table?.columns).toEqual(["workload", "resources", "health", "rbac", "replicas", "observability", "security"]);
		// Worst first, and exemptions visible as such.
		expect(summary?.table?.rows[0]?.[0]).not.toBe("Deployment/checkout");
		expect(summary?.table?.rows.find((r) => r[0] === "Deployment/frontend")?.[5]).toBe("exempt");
		expect(failures?.header).toBe("Top failures");
		expect(failingNow?.header).toBe("Failing now");
		expect(failingNow?.text).toContain("*OOMKilled* `Deployment/worker` container worker (2 pods, 7 restarts)");
		const buttons = failingNow?.buttons ?? [];
		expect(buttons.length).toBeLessThanOrEqual(5);
		expect(buttons.slice(0, 3).map((b) => b.value)).toEqual(["crashloopbackoff", "pending-pod", "oomkilled"]);
		expect(buttons.every((b) => b.action === "explain")).toBe(true);
	});

	it("stays short on big namespaces", () => {
		const many = Array.from({ length: 40 }, (_, i) => deployment(`svc-${i}`, { replicas: 1 }));
		const replies = readinessReplies(buildReport(snapshotOf(many), { now }));
		expect(replies[0]?.table?.rows.length).toBe(12);
		expect(replies[0]?.footer).toContain("28 more workload(s)");
		expect(replies[1]?.text?.split("\n").length).toBe(8);
		expect(replies.length).toBe(2);
	});

	it("says how many items are unknown, and an unknown never scores as a pass", () => {
		const snapshot = snapshotOf([deployment("api"), ...passingNeighbours("api")], {
			PodDisruptionBudget: { state: "forbidden", reason: "poddisruptionbudgets is forbidden", items: [] },
		});
		const report = buildReport(snapshot, { now });
		const [summary] = readinessReplies(report);
		expect(report.summary.unknownItems).toBe(1);
		expect(summary?.text).toContain("0 of 1 workloads pass, 0 fail, 1 item unknown");
		expect(report.summary.score).toBeLessThan(100);
		expect(summary?.table?.rows[0]).toEqual(["Deployment/api", "ok", "ok", "ok", "?", "ok", "ok"]);
	});
});
