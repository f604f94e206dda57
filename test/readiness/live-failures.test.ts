import { describe, expect, it } from "vitest";
import { resolveWorkloads } from "../../src/readiness/checks/workloads.ts";
import { liveFailures } from "../../src/readiness/live-failures.ts";
import type { KubeObject } from "../../src/readiness/snapshot.ts";
import { deployment, owned, snapshotOf } from "./snapshot-builder.ts";

function pod(name: string, status: object, limit?: string): KubeObject {
	return owned(
		"Pod",
		name,
		{ kind: "ReplicaSet", name: "api-abc12" },
		{
			metadata: { name, labels: { app: "api", "pod-template-hash": "abc12" } },
			spec: { containers: [{ name: "api", ...(limit === undefined ? {} : { resources: { limits: { memory: limit } } }) }] },
			status,
		},
	);
}

const failures = (...pods: KubeObject[]) =>
	liveFailures(resolveWorkloads(snapshotOf([deployment("api"), ...pods], { ReplicaSet: { state: "listed", items: [] } })));

describe("what is failing now", () => {
	it("reports OOMKilled as the root cause of a crash loop, once per workload with a pod count", () => {
		const status = (restarts: number) => ({
			phase: "Running",
			containerStatuses: [
				{
					name: "api",
					restartCount: restarts,
					state: { waiting: { reason: "CrashLoopBackOff" } },
					lastState: { terminated: { reason: "OOMKilled", exitCode: 137 } },
				},
			],
		});
		const found = failures(pod("api-abc12-1", status(3), "64Mi"), pod("api-abc12-2", status(9), "64Mi"));
		expect(found).toEqual([
			{
				reason: "OOMKilled",
				workload: { kind: "Deployment", name: "api" },
				pods: ["api-abc12-1", "api-abc12-2"],
				container: "api",
				restarts: 9,
				message: "killed by the kernel for exceeding its memory (exit 137); memory limit 64Mi; now in CrashLoopBackOff",
				term: "oomkilled",
				episode: 2,
			},
		]);
	});

	it("links each waiting reason to its lesson", () => {
		const waiting = (name: string, reason: string, message: string) =>
			pod(name, { phase: "Pending", containerStatuses: [{ name: "api", restartCount: 0, state: { waiting: { reason, message } } }] });
		const found = failures(
			waiting("a", "ImagePullBackOff", 'Back-off pulling image "api:9.9"'),
			waiting("b", "ErrImagePull", "manifest unknown"),
			waiting("c", "CreateContainerConfigError", 'secret "api-db" not found'),
			waiting("d", "ContainerCreating", ""),
		);
		expect(found.map((f) => [f.reason, f.term, f.episode, f.message])).toEqual([
			["ImagePullBackOff", "imagepullbackoff", 4, 'Back-off pulling image "api:9.9"'],
			["ErrImagePull", "imagepullbackoff", 4, "manifest unknown"],
			["CreateContainerConfigError", "createcontainerconfigerror", 4, 'secret "api-db" not found'],
		]);
	});

	it("gives the scheduler's message for unschedulable pods", () => {
		const found = failures(
			pod("p", {
				phase: "Pending",
				conditions: [
					{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient memory." },
				],
			}),
		);
		expect(found).toMatchObject([
			{ reason: "Unschedulable", term: "pending-pod", message: "0/3 nodes are available: 3 Insufficient memory." },
		]);
	});

	it("tells a plain crash loop and a SIGKILL apart from an OOM kill", () => {
		const found = failures(
			pod("crash", {
				containerStatuses: [
					{
						name: "api",
						restartCount: 4,
						state: { waiting: { reason: "CrashLoopBackOff" } },
						lastState: { terminated: { reason: "Error", exitCode: 1 } },
					},
				],
			}),
			pod("killed", {
				containerStatuses: [
					{ name: "api", restartCount: 2, state: { running: {} }, lastState: { terminated: { reason: "Error", exitCode: 137 } } },
				],
			}),
			pod("healthy", { containerStatuses: [{ name: "api", restartCount: 0, state: { running: {} } }] }),
		);
		expect(found.map((f) => [f.reason, f.term, f.message])).toEqual([
			["CrashLoopBackOff", "crashloopbackoff", "last exit code 1 (Error)"],
			["Killed", "exit-code-137", expect.stringContaining("without OOMKilled")],
		]);
	});

	it("gives the memory limit of an OOM-killed native sidecar, which lives under initContainers", () => {
		const sidecar = owned(
			"Pod",
			"api-abc12-3",
			{ kind: "ReplicaSet", name: "api-abc12" },
			{
				metadata: { name: "api-abc12-3", labels: { app: "api", "pod-template-hash": "abc12" } },
				spec: {
					initContainers: [{ name: "proxy", restartPolicy: "Always", resources: { limits: { memory: "32Mi" } } }],
					containers: [{ name: "api" }],
				},
				status: {
					phase: "Running",
					initContainerStatuses: [{ name: "proxy", restartCount: 4, lastState: { terminated: { reason: "OOMKilled", exitCode: 137 } } }],
				},
			},
		);
		const [found] = failures(sidecar);
		expect(found).toMatchObject({ reason: "OOMKilled", container: "proxy" });
		expect(found?.message).toContain("memory limit 32Mi");
	});
});
