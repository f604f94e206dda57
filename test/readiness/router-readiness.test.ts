import { describe, expect, it } from "vitest";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { createCore } from "../../src/app.ts";
import { ConfigError, parseConfig } from "../../src/config.ts";
import { ClusterReadError, type ClusterReader } from "../../src/ports/cluster-reader.ts";
import { COMPLETE_ITEMS, CORE_ITEMS } from "../../src/readiness/checks/types.ts";
import { namespaceAllowed } from "../../src/readiness/readiness-command.ts";
import type { Reply } from "../../src/reply.ts";
import { someone as context, press, seen } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";

const fixed = new Date("2026-11-21T12:00:00Z");
const now = () => fixed;

/** A hand-written cluster: namespace "demo" holds the demo snapshot; every other one does not exist. */
function fakeCluster() {
	const calls: string[] = [];
	const reader: ClusterReader = {
		async readNamespace(namespace, options) {
			calls.push(`${namespace}@${options?.cluster ?? "default"}`);
			if (namespace === "demo") return { ...(await demoSnapshot(fixed)), source: "context fake (https://127.0.0.1:6443)", origin: "live" };
			throw new ClusterReadError("namespace-not-found", `namespace "${namespace}" does not exist in context fake (https://127.0.0.1:6443)`);
		},
	};
	return { reader, calls };
}

const course = mainCourse();
const termName = (id: string) => course.glossary.find((t) => t.id === id)?.term;

/**
 * The report as a person sees it: "checking" at once, then the summary card in the channel with
 * the top failures and what fails now in a thread under it, and the whole report as a file.
 */
function expectDemoReport(replies: readonly Reply[]) {
	const [checking, summary, ...rest] = replies;
	expect(checking?.text).toMatch(/^Checking /);
	expect(checking?.visibility).toBe("private");
	expect(rest).toEqual([]);
	const [failures, failingNow] = summary?.thread ?? [];
	expect(summary?.files?.map((f) => [f.name, f.mediaType])).toEqual([["readiness-demo.txt", "text/plain"]]);
	expect(summary?.files?.[0]?.content).toContain("Readiness of namespace demo");
	expect(summary?.header).toMatch(/^Readiness of demo: \d{1,3}\/100$/);
	expect(summary?.text).toContain("4 of 10 workloads pass, 6 fail · profile core");
	expect(summary?.visibility).toBeUndefined(); // the channel sees it
	expect(summary?.table?.columns).toEqual(["workload", ...CORE_ITEMS]);
	const row = (workload: string) => summary?.table?.rows.find((r) => r[0] === workload);
	expect(row("Deployment/reports")).toEqual(["Deployment/reports", "ok", "ok", "FAIL", "FAIL", "ok", "ok"]);
	expect(row("Deployment/frontend")?.[5]).toBe("exempt");
	expect(row("CronJob/nightly-export")?.[4]).toBe("–"); // replicas do not apply to a CronJob
	expect(
		row("Deployment/checkout")
			?.slice(1)
			.every((cell) => cell === "ok"),
	).toBe(true);

	expect(failures?.header).toBe("Top failures");
	expect(failures?.text).toContain('`Deployment/reports` *rbac*: service account "ops-bot" is bound to cluster-admin');
	expect(failures?.text).toContain("_Fix:_");

	expect(failingNow?.header).toBe("Failing now");
	expect(failingNow?.text).toContain("*OOMKilled* `Deployment/worker` container worker (2 pods, 7 restarts)");
	expect(failingNow?.text).toContain("*CrashLoopBackOff* `Deployment/ledger`");
	expect(failingNow?.text).toContain("0/3 nodes are available");

	const buttons = failingNow?.buttons ?? [];
	expect(buttons.slice(0, 3).map((b) => b.value)).toEqual(["crashloopbackoff", "pending-pod", "oomkilled"]);
	for (const button of buttons) {
		expect(button.action).toBe("explain");
		expect(button.label).toBe(`Explain ${termName(button.value)}`);
	}
	return buttons;
}

describe("/readiness through the router", () => {
	it("audits a namespace of the connected cluster and shows the report a person reads", async () => {
		const { reader, calls } = fakeCluster();
		const { router } = createCore({ course, readinessDemo: demoSnapshot, clusterReader: reader, now });
		const replies = await seen(router.handleText("/readiness demo", context));
		const buttons = expectDemoReport(replies);
		expect(replies[0]?.text).toBe("Checking `demo` on the bot's cluster ...");
		expect(replies[1]?.text).toContain("context fake (https://127.0.0.1:6443)");
		expect(calls).toEqual(["demo@default"]);

		// The explain buttons land on the lessons.
		const [lesson] = await seen(press(router, buttons[2]?.action ?? "", buttons[2]?.value ?? "", context));
		expect(lesson?.header).toBe("OOMKilled");
		expect(lesson?.footer).toContain("Episode 2");
	});

	it("passes --cluster to the reader and --profile to the report", async () => {
		const { reader, calls } = fakeCluster();
		const { router } = createCore({ course, readinessDemo: demoSnapshot, clusterReader: reader, now });
		const [checking, summary] = await seen(router.handleText("/readiness demo --cluster prod-eu --profile complete", context));
		expect(checking?.text).toBe("Checking `demo` on `prod-eu` ...");
		expect(calls).toEqual(["demo@prod-eu"]);
		expect(summary?.text).toContain("profile complete");
		expect(summary?.table?.columns).toEqual(["workload", ...COMPLETE_ITEMS]);
		await seen(router.handleText("/readiness --cluster=staging --profile=core demo", context));
		expect(calls.at(-1)).toBe("demo@staging");
	});

	it("answers privately with the reader's message when the namespace cannot be read", async () => {
		const { reader } = fakeCluster();
		const { router } = createCore({ course, readinessDemo: demoSnapshot, clusterReader: reader, now });
		const replies = await seen(router.handleText("/readiness payments", context));
		expect(replies).toHaveLength(2);
		expect(replies[1]).toMatchObject({ header: "Could not read namespace payments", visibility: "private" });
		expect(replies[1]?.text).toContain('namespace "payments" does not exist in context fake');
	});

	it("audits the shipped demo namespace with --demo, with or without a cluster", async () => {
		const { reader, calls } = fakeCluster();
		for (const options of [{}, { clusterReader: reader }]) {
			const { router } = createCore({ course, readinessDemo: demoSnapshot, now, ...options });
			const replies = await seen(router.handleText("/readiness --demo", context));
			expectDemoReport(replies);
			expect(replies[1]?.text).toContain("demo namespace (content/demo-cluster)");
		}
		expect(calls).toEqual([]);
	});

	it("says privately that no cluster is connected, how to connect one, and offers the demo", async () => {
		const { router } = createCore({ course, readinessDemo: demoSnapshot, now });
		const [reply] = await seen(router.handleText("/readiness payments", context));
		expect(reply?.visibility).toBe("private");
		expect(reply?.header).toBe("No cluster connected");
		expect(reply?.text).toContain("KUBECONFIG");
		expect(reply?.text).toContain("inside the cluster");
		expect(reply?.text).toContain("/readiness --demo");
	});

	it.each([
		["/readiness", "Which namespace?"],
		["/readiness Payments", '"Payments" is not a namespace name'],
		["/readiness pay_ments", '"pay_ments" is not a namespace name'],
		["/readiness -payments", "I don't know the option `-payments`"],
		[`/readiness ${"a".repeat(64)}`, "is not a namespace name"],
		["/readiness payments --verbose", "I don't know the option `--verbose`"],
		["/readiness payments orders", "one namespace at a time"],
		["/readiness payments --cluster", "`--cluster` needs a value"],
		["/readiness payments --profile strict", "core or complete"],
		["/readiness --demo payments", "takes no namespace"],
	])("answers %j privately with the usage", async (text, problem) => {
		const { reader, calls } = fakeCluster();
		const { router } = createCore({ course, readinessDemo: demoSnapshot, clusterReader: reader, now });
		const [reply] = await seen(router.handleText(text, context));
		expect(reply?.visibility).toBe("private");
		expect(reply?.text).toContain(problem);
		expect(reply?.text).toContain("Usage: `/readiness NAMESPACE [--cluster NAME] [--profile core|complete]`");
		expect(reply?.text).toContain("`/readiness --demo`");
		expect(calls).toEqual([]);
	});

	it("accepts a 63-character namespace name", async () => {
		const { reader, calls } = fakeCluster();
		const { router } = createCore({ course, readinessDemo: demoSnapshot, clusterReader: reader, now });
		await seen(router.handleText(`/readiness ${"a".repeat(62)}1`, context));
		expect(calls).toHaveLength(1);
	});

	it("lists /readiness in the help", async () => {
		const { router } = createCore({ course, readinessDemo: demoSnapshot });
		const [help] = await seen(router.handleText("/help", context));
		expect(help?.text).toContain("/readiness NAMESPACE [--cluster NAME] [--profile core|complete]");
	});
});

describe("who may audit which namespaces", () => {
	it("refuses, privately, a namespace outside the allow-list, and names the variable that sets it", async () => {
		const { reader, calls } = fakeCluster();
		const { router } = createCore({
			course,
			readinessDemo: demoSnapshot,
			clusterReader: reader,
			readinessNamespaces: ["demo", "team-*"],
			now,
		});
		const [refused] = await seen(router.handleText("/readiness kube-system", context));
		expect(refused?.visibility).toBe("private");
		expect(refused?.text).toContain("`kube-system` is not open to `/readiness`");
		expect(refused?.text).toContain("`demo`, `team-*`");
		expect(refused?.text).toContain("KUBECOACH_READINESS_NAMESPACES");
		expect(calls).toEqual([]);

		await seen(router.handleText("/readiness team-payments", context));
		expectDemoReport(await seen(router.handleText("/readiness demo", context)));
		expect(calls).toEqual(["team-payments@default", "demo@default"]);
		// The demo is not a cluster namespace: always allowed.
		expect((await seen(router.handleText("/readiness --demo", context)))[1]?.header).toMatch(/^Readiness of demo/);
	});

	it("matches names and * patterns whole", () => {
		expect(namespaceAllowed("anything", ["*"])).toBe(true);
		expect(namespaceAllowed("team-a", ["team-*"])).toBe(true);
		expect(namespaceAllowed("my-team-a", ["team-*"])).toBe(false);
		expect(namespaceAllowed("payments-staging", ["*-staging", "orders"])).toBe(true);
		expect(namespaceAllowed("payments", ["payment"])).toBe(false);
		expect(namespaceAllowed("a-b-c", ["a*c"])).toBe(true);
		expect(namespaceAllowed("x", [])).toBe(false);
	});

	it("reads KUBECOACH_READINESS_NAMESPACES from the environment: default every namespace", () => {
		expect(parseConfig({}).KUBECOACH_READINESS_NAMESPACES).toEqual(["*"]);
		expect(parseConfig({ KUBECOACH_READINESS_NAMESPACES: "payments, team-* ,," }).KUBECOACH_READINESS_NAMESPACES).toEqual([
			"payments",
			"team-*",
		]);
		expect(() => parseConfig({ KUBECOACH_READINESS_NAMESPACES: "Kube_System" })).toThrow(ConfigError);
		expect(() => parseConfig({ KUBECOACH_READINESS_NAMESPACES: " , " })).toThrow(/KUBECOACH_READINESS_NAMESPACES/);
	});
});

describe("/readiness --demo without the demo wired in", () => {
	it("says privately that the demo is not available, and does not offer it", async () => {
		const { router } = createCore({ course, now });
		const [demo] = await seen(router.handleText("/readiness --demo", context));
		expect(demo).toMatchObject({ visibility: "private", text: "The demo namespace is not available in this bot." });
		const [noCluster] = await seen(router.handleText("/readiness payments", context));
		expect(noCluster?.text).not.toContain("--demo");
	});
});
