/**
 * A readiness report far larger than a Slack message: 600 workloads. The channel gets the summary
 * (the worst workloads), the details go in its thread, and the full per-workload report is
 * uploaded there as a file by the files v2 sequence; every message passes Slack's Block Kit rules.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readManifests } from "../../adapters/kubernetes/manifest-reader.ts";
import { CHANNEL, type SlackWorld, startSlackWorld } from "./harness.ts";
import { readBlocks } from "./read-blocks.ts";

const WORKLOADS = 600;

function bigNamespace(): string {
	const dir = mkdtempSync(join(tmpdir(), "kubecoach-big-namespace-"));
	const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: payments
spec:
  replicas: ${i % 3 === 0 ? 1 : 2}
  selector:
    matchLabels:
      app: service-${i}
  template:
    metadata:
      labels:
        app: service-${i}
    spec:
      containers:
        - name: app
          image: registry.example.com/payments/service-${i}:1.0.${i}
`;
	writeFileSync(join(dir, "workloads.yaml"), Array.from({ length: WORKLOADS }, (_, i) => deployment(i)).join("---\n"));
	return dir;
}

let world: SlackWorld | undefined;
afterAll(async () => {
	await world?.close();
});

describe("an oversized readiness report in Slack", () => {
	it("posts the summary in the channel, its details in the thread, and the whole report as a file there", async () => {
		const dir = bigNamespace();
		world = await startSlackWorld({
			mode: "http",
			clusterReader: {
				readNamespace: async (namespace) => {
					const { snapshots } = await readManifests([dir], { cwd: dir });
					const snapshot = snapshots.find((s) => s.namespace === namespace);
					if (!snapshot) throw new Error(`no namespace ${namespace}`);
					return snapshot;
				},
			},
		});
		const w = world;
		const ack = await w.command("/readiness", "payments --cluster prod-eu", { user: "U0ONCALL" });
		expect(readBlocks((ack.body as { blocks: unknown[] }).blocks).text).toBe("Checking `payments` on `prod-eu` ...");
		await w.standIn.until(() => [...w.standIn.files.values()].some((file) => file.channel === CHANNEL), 15_000, "the report's file");

		const [summary, ...thread] = w.standIn.messagesIn(CHANNEL);
		const summaryText = readBlocks(summary?.blocks ?? []).text;
		expect(summaryText).toMatch(/^Readiness of payments: \d+\/100\n0 of 600 workloads pass, 600 fail/);
		expect(summaryText).toContain(`${WORKLOADS - 12} more workload(s) not shown`);
		expect(thread.length).toBeGreaterThan(0);
		for (const message of thread) expect(message.threadTs).toBe(summary?.ts);

		const file = [...w.standIn.files.values()].find((f) => f.channel === CHANNEL);
		expect(file).toMatchObject({ filename: "readiness-payments.txt", threadTs: summary?.ts });
		const report = file?.bytes?.toString() ?? "";
		for (const i of [0, 299, 599]) expect(report).toContain(`service-${i}`);
		// The upload went through Slack's v2 sequence, and Slack took every message.
		expect(w.standIn.calls.map((call) => call.method).filter((m) => m.startsWith("files.") || m === "upload")).toEqual([
			"files.getUploadURLExternal",
			"upload",
			"files.completeUploadExternal",
		]);
		expect(w.standIn.calls.filter((call) => call.error === "invalid_blocks")).toEqual([]);
	});

	it("cuts a reply longer than one message with a visible marker and uploads the whole of it under the message", async () => {
		world ??= await startSlackWorld({ mode: "http" });
		const w = world;
		const text = Array.from({ length: 150 }, (_, i) => `Finding ${i}: ${"the container has no memory limit ".repeat(40)}`).join("\n");
		const ref = await w.chat.post("slack:T0001:C0LONG", { header: "Everything that fails", text });
		const [message] = w.standIn.messagesIn("C0LONG");
		expect(ref).toBe(`slack:T0001:C0LONG:${message?.ts}`);
		expect(message?.blocks).toHaveLength(50);
		expect(readBlocks(message?.blocks ?? []).text).toContain(
			"Cut here: this was too long for one Slack message. The whole of it is in the attached file everything-that-fails.txt.",
		);
		await w.standIn.until(() => [...w.standIn.files.values()].some((file) => file.channel === "C0LONG"));
		const file = [...w.standIn.files.values()].find((f) => f.channel === "C0LONG");
		expect(file).toMatchObject({ filename: "everything-that-fails.txt", threadTs: message?.ts });
		expect(file?.bytes?.toString()).toContain("Finding 149:");
	});
});
