import { describe, expect, it } from "vitest";
import { resolveWorkloads } from "../../src/readiness/checks/workloads.ts";
import { buildReport } from "../../src/readiness/report.ts";
import { deployment, owned, snapshotOf } from "./snapshot-builder.ts";

const podSpec = { containers: [{ name: "api", image: "api:latest" }] };

describe("owner resolution", () => {
	it("folds Pod → ReplicaSet → Deployment into one workload, so 30 replicas give one finding", () => {
		const api = deployment("api", {
			replicas: 30,
			spec: { containers: [{ name: "api", image: "registry.example.com/api:latest" }] },
		});
		const rs = owned("ReplicaSet", "api-5f6d7c8b9", { kind: "Deployment", name: "api" });
		const pods = Array.from({ length: 30 }, (_, i) =>
			owned(
				"Pod",
				`api-5f6d7c8b9-${i}`,
				{ kind: "ReplicaSet", name: "api-5f6d7c8b9" },
				{ spec: podSpec, metadata: { name: `api-5f6d7c8b9-${i}`, labels: { app: "api" } } },
			),
		);
		const snapshot = snapshotOf([api, rs, ...pods]);
		const workloads = resolveWorkloads(snapshot);
		expect(workloads.map((w) => `${w.kind}/${w.name}`)).toEqual(["Deployment/api"]);
		expect(workloads[0]?.pods).toHaveLength(30);
		const report = buildReport(snapshot);
		const tagFindings = report.workloads[0]?.items.security?.findings.filter((f) => f.check === "security-image-tag");
		expect(tagFindings).toHaveLength(1);
	});

	it("folds Pod → Job → CronJob", () => {
		const cron = owned("CronJob", "nightly", undefined, {
			spec: { jobTemplate: { spec: { template: { metadata: { labels: { app: "nightly" } }, spec: podSpec } } } },
		});
		const job = owned("Job", "nightly-29000000", { kind: "CronJob", name: "nightly" });
		const pod = owned("Pod", "nightly-29000000-abcde", { kind: "Job", name: "nightly-29000000" }, { spec: podSpec });
		expect(resolveWorkloads(snapshotOf([cron, job, pod])).map((w) => `${w.kind}/${w.name}:${w.pods.length}`)).toEqual([
			"CronJob/nightly:1",
		]);
	});

	it("finds the Deployment from the pod-template-hash when the ReplicaSet was not read", () => {
		const pod = owned(
			"Pod",
			"api-5f6d7c8b9-x",
			{ kind: "ReplicaSet", name: "api-5f6d7c8b9" },
			{
				spec: podSpec,
				metadata: { name: "api-5f6d7c8b9-x", labels: { app: "api", "pod-template-hash": "5f6d7c8b9" } },
			},
		);
		const workloads = resolveWorkloads(snapshotOf([deployment("api"), pod], { ReplicaSet: { state: "forbidden" } }));
		expect(workloads.map((w) => `${w.kind}/${w.name}:${w.pods.length}`)).toEqual(["Deployment/api:1"]);
	});

	it("keeps bare pods, mirror pods and unknown controllers as their own workloads", () => {
		const bare = owned("Pod", "debug", undefined, { spec: podSpec });
		const mirror = owned("Pod", "etcd-node1", { kind: "Node", name: "node1" }, { spec: podSpec });
		const rollout1 = owned("Pod", "web-abc-1", { kind: "CloneSet", name: "web" }, { spec: podSpec });
		const rollout2 = owned("Pod", "web-abc-2", { kind: "CloneSet", name: "web" }, { spec: podSpec });
		const workloads = resolveWorkloads(snapshotOf([bare, mirror, rollout1, rollout2]));
		expect(workloads.map((w) => `${w.kind}/${w.name}:${w.cls}:${w.pods.length}`)).toEqual([
			"Pod/debug:Pod:1",
			"Pod/etcd-node1:Pod:1",
			"CloneSet/web:Controller:2",
		]);
	});

	it("judges a Deployment known only through its ReplicaSet from the ReplicaSet's template", () => {
		const rs = owned(
			"ReplicaSet",
			"api-1",
			{ kind: "Deployment", name: "api" },
			{ spec: { template: { metadata: { labels: { app: "api" } }, spec: podSpec } } },
		);
		const [workload] = resolveWorkloads(snapshotOf([rs], { Deployment: { state: "forbidden" } }));
		expect(workload).toMatchObject({ kind: "Deployment", name: "api", fromTemplate: true, podLabels: { app: "api" } });
		expect(workload?.object).toBeUndefined();
	});
});
