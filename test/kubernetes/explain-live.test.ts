import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createObjectReader } from "../../adapters/kubernetes/object-reader.ts";
import { explainCommand } from "../../src/explain/explain-command.ts";
import { Explainer } from "../../src/explain/explainer.ts";
import type { Reply } from "../../src/reply.ts";
import { seen, someone } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";
import { EVENTS, type FakeApiServer, startFakeApiServer } from "./fake-apiserver.ts";
import { kubeconfigYaml } from "./test-certs.ts";

// `/explain pod/NAME` end to end: the real command, the real explainer and the client-node reader
// against the HTTPS stand-in, with a pod in each failure state the issue names.
const NS = "checkout";
const meta = (name: string, labels: Record<string, string> = {}) => ({ name, namespace: NS, uid: `uid-${name}`, labels });
const container = { name: "app", image: "registry.example/app:1.0.0", resources: { limits: { memory: "256Mi" } } };
const pod = (name: string, status: Record<string, unknown>, labels: Record<string, string> = {}) => ({
	metadata: meta(name, labels),
	spec: { containers: [container], terminationGracePeriodSeconds: 30 },
	status,
});
const waiting = (reason: string, message?: string, last?: Record<string, unknown>, restartCount = 0) => ({
	phase: "Running",
	conditions: [{ type: "Ready", status: "False" }],
	containerStatuses: [
		{
			name: "app",
			ready: false,
			restartCount,
			state: { waiting: { reason, ...(message ? { message } : {}) } },
			...(last ? { lastState: { terminated: last } } : {}),
		},
	],
});
const event = (name: string, about: string, reason: string, message: string, kind = "Pod") => ({
	metadata: { name, namespace: NS },
	involvedObject: { kind, name: about, namespace: NS },
	type: "Warning",
	reason,
	message,
	count: 4,
	lastTimestamp: "2026-01-05T10:00:00Z",
});

let api: FakeApiServer;
let run: (args: string, options?: { namespaces?: string[] }) => Promise<readonly Reply[]>;

beforeAll(async () => {
	api = await startFakeApiServer({ crds: [EVENTS] });
	api.addNamespace(NS);
	api.add(
		"pods",
		"",
		pod("cart-oom", waiting("CrashLoopBackOff", "back-off 5m0s restarting failed container", { reason: "OOMKilled", exitCode: 137 }, 7), {
			app: "cart",
		}),
		pod(
			"cart-ok",
			{
				phase: "Running",
				conditions: [{ type: "Ready", status: "True" }],
				containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: { running: {} } }],
			},
			{ app: "cart" },
		),
		pod("api-crash", waiting("CrashLoopBackOff", "back-off 40s restarting failed container", { reason: "Error", exitCode: 1 }, 3)),
		pod("web-pull", waiting("ImagePullBackOff", 'Back-off pulling image "registry.example/web:9.9.9"')),
		pod("worker-config", waiting("CreateContainerConfigError", 'secret "db-creds" not found')),
		pod("batch-pending", {
			phase: "Pending",
			conditions: [
				{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient memory." },
			],
		}),
		pod("search-unready", {
			phase: "Running",
			conditions: [{ type: "Ready", status: "False" }],
			containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { running: {} } }],
		}),
		pod("idle-ok", {
			phase: "Running",
			conditions: [{ type: "Ready", status: "True" }],
			containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: { running: {} } }],
		}),
	);
	api.add(
		"deployments",
		"apps",
		{
			metadata: meta("cart"),
			spec: { replicas: 2, selector: { matchLabels: { app: "cart" } } },
			status: {
				conditions: [
					{
						type: "Progressing",
						status: "False",
						reason: "ProgressDeadlineExceeded",
						message: 'ReplicaSet "cart-5d9f" has timed out progressing.',
					},
				],
			},
		},
		{ metadata: meta("reports"), spec: { replicas: 1, selector: { matchLabels: { app: "reports" } } }, status: {} },
	);
	api.add(
		"events",
		"",
		event(
			"e1",
			"batch-pending",
			"FailedScheduling",
			"0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
		),
		event("e2", "search-unready", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"),
		event(
			"e3",
			"reports-7c5f9d",
			"FailedCreate",
			'Error creating: pods "reports-7c5f9d-x2x9k" is forbidden: exceeded quota: compute-quota, requested: requests.memory=2Gi, used: requests.memory=7Gi, limited: requests.memory=8Gi',
			"ReplicaSet",
		),
	);
	api.add("secrets", "", { metadata: { name: "db-creds", namespace: NS }, data: { password: "aHVudGVyMg==" } });
	const yaml = kubeconfigYaml([{ name: "stand-in", server: api.url, caPem: api.certs.caPem, token: api.token }]);
	const reader = createObjectReader({ kubeconfigYaml: yaml, requestTimeoutMs: 2_000 });
	const explainer = new Explainer(mainCourse());
	// What the person sees last: the answer after the "Reading ..." acknowledgement, or the one private line.
	run = async (args, options = {}) => {
		const command = explainCommand(explainer, {
			reader,
			...(options.namespaces ? { namespaces: options.namespaces } : {}),
			now: () => new Date("2026-01-05T10:10:00Z"),
		});
		return (await seen(command.run(args, someone))).slice(-1);
	};
});
afterAll(async () => {
	await api.close();
});

const field = (reply: Reply | undefined, label: string) => reply?.fields?.find((f) => f.label === label)?.value ?? "";

describe("/explain pod/NAME against a live cluster", () => {
	const cases = [
		{ name: "cart-oom", problem: "OOMKilled", detail: "memory limit 256Mi", lesson: "Episode 2" },
		{ name: "api-crash", problem: "CrashLoopBackOff", detail: "last exit code 1", lesson: "Episode 4" },
		{ name: "web-pull", problem: "ImagePullBackOff", detail: "registry.example/web:9.9.9", lesson: "Episode 4" },
		{ name: "worker-config", problem: "CreateContainerConfigError", detail: 'secret "db-creds" not found', lesson: "Episode 4" },
		{ name: "batch-pending", problem: "Pending", detail: "3 Insufficient memory", lesson: "Episode 4" },
		{ name: "search-unready", problem: "Readiness probe failing", detail: "statuscode: 503", lesson: "Episode 4" },
	];
	for (const c of cases) {
		it(`names ${c.problem} for pod/${c.name}, explains it from the lesson, and fills the commands with the pod`, async () => {
			const [reply] = await run(`pod/${c.name} -n ${NS}`);
			expect(reply?.header).toBe(`pod/${c.name} in ${NS}: ${c.problem}`);
			expect(field(reply, "Now")).toContain(c.detail);
			expect(reply?.footer).toContain(c.lesson);
			expect(field(reply, "Run first")).toContain(NS);
			expect(field(reply, "Run first")).not.toMatch(/-n (?:shop|payments)\b/);
			expect(reply?.buttons?.find((b) => b.action === "explain-more")?.value).toContain(`pod=${c.name}`);
		});
	}

	it("says plainly when nothing is failing", async () => {
		const [reply] = await run(`pod/idle-ok --namespace=${NS}`);
		expect(reply?.header).toBe(`pod/idle-ok in ${NS}: nothing failing now`);
		expect(reply?.text).toContain("Running, ready");
	});

	it("reads a deployment: its stalled rollout and its OOM-killed pod, the root cause first", async () => {
		const [reply] = await run(`deployment/cart -n ${NS}`);
		expect(reply?.header).toBe(`deployment/cart in ${NS}: OOMKilled`);
		expect(field(reply, "Now")).toContain("Rollout stalled");
		expect(reply?.text).toContain("1/2 pods ready");
		expect(field(reply, "Run first")).toContain("cart-oom");
	});

	it("explains a deployment whose pods are refused by a quota", async () => {
		const [reply] = await run(`deploy/reports -n ${NS}`);
		expect(reply?.header).toBe(`deployment/reports in ${NS}: Pods not created`);
		expect(field(reply, "Now")).toContain("exceeded quota");
		expect(reply?.footer).toContain("Episode 2");
	});

	it("never asks the cluster for Secrets, even when a pod cannot find one", async () => {
		expect(api.requests.map((r) => r.path).filter((p) => p.includes("secrets"))).toEqual([]);
	});

	it("answers privately, with what to check, for a missing pod, a refused read and a namespace not open to chat", async () => {
		const [missing] = await run(`pod/ghost -n ${NS}`);
		expect(missing).toMatchObject({ visibility: "private" });
		expect(missing?.text).toContain(`kubectl get pods -n ${NS}`);

		api.forbid(`/api/v1/namespaces/${NS}/pods/web-pull`);
		const [refused] = await run(`pod/web-pull -n ${NS}`);
		expect(refused?.text).toContain("403");
		expect(refused?.text).toContain("deploy/rbac-explain.yaml");

		const [closed] = await run(`pod/cart-oom -n ${NS}`, { namespaces: ["team-*"] });
		expect(closed).toMatchObject({ header: "Namespace not allowed", visibility: "private" });
	});

	it("answers at once, with nothing to follow, when the bot has no cluster", async () => {
		const handled = await explainCommand(new Explainer(mainCourse())).run(`pod/cart-oom -n ${NS}`, someone);
		expect(handled.followUp).toBeUndefined();
		expect(handled.replies[0]?.header).toBe("No cluster connected");
	});

	it("shows the usage for a malformed request", async () => {
		const [reply] = await run("pod/Bad_Name");
		expect(reply?.text).toContain("Usage: `/explain pod/NAME");
		const [flag] = await run("pod/web-0 --colour blue");
		expect(flag?.text).toContain("I don't know `--colour`");
	});
});
