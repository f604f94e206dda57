import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileAuditLog } from "../../adapters/audit/json-lines-audit-log.ts";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { namesSlackGroups } from "../../adapters/slack/slack-factory.ts";
import { createCore } from "../../src/app.ts";
import { Authorization } from "../../src/authorization/authorization.ts";
import { policySchema } from "../../src/authorization/policy.ts";
import { parseConfig } from "../../src/config.ts";
import { ClusterReadError, type ClusterReader } from "../../src/ports/cluster-reader.ts";
import type { CommandContext } from "../../src/router/command.ts";
import { MemoryObjectReader } from "../fakes/memory-object-reader.ts";
import { contextIn, seen } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";

const fixed = new Date("2026-11-21T12:00:00Z");
const course = mainCourse();
const folder = mkdtempSync(join(tmpdir(), "kubecoach-audit-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** "payments" holds the demo snapshot on every cluster; "broken" cannot be read. */
const reader: ClusterReader = {
	async readNamespace(namespace) {
		if (namespace === "broken") throw new ClusterReadError("unauthorized", `the bot may not list pods in namespace "${namespace}"`);
		return { ...(await demoSnapshot(fixed)), namespace, source: "context fake", origin: "live" };
	},
};

const policy = policySchema.parse({
	contact: "#platform-help",
	readiness: [
		{ who: ["slack:T1:S0PAY"], channels: ["slack:T1:C0PAY"], clusters: ["default", "prod-eu"], namespaces: ["payments", "broken"] },
		{ who: ["discord:G1:role:77"], clusters: ["staging-*"], namespaces: ["team-*"] },
		{ who: ["slack:T1:U0SRE"], clusters: ["*"], namespaces: ["*"] },
	],
});

const payChannel = "slack:T1:C0PAY";
const payMember = (channel = payChannel) => contextIn(channel, "slack:T1:U1", ["slack:T1:S0PAY"]);
const stranger = contextIn(payChannel, "slack:T1:U2");
const discordRole = contextIn("discord:G1:C9", "discord:G1:U5", ["discord:G1:role:77"]);
const discordOther = contextIn("discord:G1:C9", "discord:G1:U6", ["discord:G1:role:78"]);
const sre = contextIn("slack:T1:C0RANDOM", "slack:T1:U0SRE");

function core(options: { withPolicy: boolean; auditFile: string; namespaces?: string[] }) {
	const objects = new MemoryObjectReader();
	objects.seed({
		pods: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "web-0", namespace: "payments" }, spec: {}, status: { phase: "Running" } }],
	});
	return createCore({
		course,
		clusterReader: reader,
		objectReader: objects,
		now: () => fixed,
		readinessDemo: demoSnapshot,
		audit: fileAuditLog(options.auditFile),
		...(options.namespaces === undefined ? {} : { readinessNamespaces: options.namespaces }),
		...(options.withPolicy ? { policy } : {}),
	}).router;
}

const auditLines = (file: string) =>
	readFileSync(file, "utf8")
		.trim()
		.split("\n")
		.map((line) => JSON.parse(line));

async function readiness(router: ReturnType<typeof core>, args: string, context: CommandContext) {
	const replies = await seen(router.handleCommand("readiness", args, context));
	return {
		replies,
		refused: replies.length === 1 && replies[0]?.header === "Not allowed",
		text: replies.map((r) => r.text ?? "").join("\n"),
	};
}

describe("the authorization policy, through the router", () => {
	it("allows what a grant names and refuses everything else once a policy is set", async () => {
		const router = core({ withPolicy: true, auditFile: join(folder, "matrix.jsonl") });
		const matrix: [string, CommandContext, string, boolean][] = [
			["a Slack group member, in the grant's channel, default cluster", payMember(), "payments", true],
			["a Slack group member on a named cluster of the grant", payMember(), "payments --cluster prod-eu", true],
			["a Slack group member on a cluster outside the grant", payMember(), "payments --cluster prod-us", false],
			["a Slack group member on a namespace outside the grant", payMember(), "orders", false],
			["a Slack group member from another channel", payMember("slack:T1:C0OTHER"), "payments", false],
			["a Slack user in no group", stranger, "payments", false],
			["a Discord role on a matching cluster and namespace, any channel", discordRole, "team-a --cluster staging-2", true],
			["a Discord role on the default cluster", discordRole, "team-a", false],
			["another Discord role", discordOther, "team-a --cluster staging-2", false],
			["a user granted everything", sre, "anything --cluster prod-us", true],
		];
		for (const [who, context, args, allowed] of matrix) {
			const { refused, replies } = await readiness(router, args, context);
			expect({ who, allowed: !refused }).toEqual({ who, allowed });
			if (allowed) expect(replies.at(-1)?.header).toMatch(/^Readiness of /);
		}
	});

	it("refuses politely: what was refused and whom to ask, never the other grants", async () => {
		const router = core({ withPolicy: true, auditFile: join(folder, "refusal.jsonl") });
		const { text, replies } = await readiness(router, "payments --cluster prod-us", stranger);
		expect(replies[0]?.visibility).toBe("private");
		expect(text).toBe(
			"Sorry, you may not use `/readiness` on namespace `payments` of cluster `prod-us` from this channel. If you need it, ask #platform-help.",
		);
		for (const leak of ["S0PAY", "prod-eu", "staging", "role", "U0SRE", "team-"]) expect(text).not.toContain(leak);
	});

	it("applies the same policy to /explain pod/NAME", async () => {
		const router = core({ withPolicy: true, auditFile: join(folder, "explain.jsonl") });
		const refused = await seen(router.handleCommand("explain", "pod/web-0 -n payments", stranger));
		expect(refused.map((r) => r.header)).toEqual(["Not allowed"]);
		expect(refused[0]?.text).toContain("`/explain` on live objects");
		const allowed = await seen(router.handleCommand("explain", "pod/web-0 -n payments", payMember()));
		expect(allowed.at(-1)?.header).toBe("pod/web-0 in payments: nothing failing now");
	});

	it("without a policy keeps today's behaviour: any cluster, within the namespace allow-list", async () => {
		const router = core({ withPolicy: false, auditFile: join(folder, "open.jsonl"), namespaces: ["payments", "team-*"] });
		expect((await readiness(router, "payments --cluster anything", stranger)).refused).toBe(false);
		const closed = await readiness(router, "orders", stranger);
		expect(closed.replies.map((r) => r.header)).toEqual(["Namespace not allowed"]);
		expect(closed.text).toContain("KUBECOACH_READINESS_NAMESPACES");
		// With a policy the allow-list still bounds every read.
		const bounded = core({ withPolicy: true, auditFile: join(folder, "bounded.jsonl"), namespaces: ["payments"] });
		expect((await readiness(bounded, "anything", sre)).replies.map((r) => r.header)).toEqual(["Namespace not allowed"]);
	});

	it("writes one audit line per run and per refusal: who, where, what, result, time; no token", async () => {
		const file = join(folder, "audit.jsonl");
		const router = core({ withPolicy: true, auditFile: file });
		await readiness(router, "payments", payMember());
		await readiness(router, "payments --cluster prod-us", stranger);
		await readiness(router, "broken", payMember());
		await seen(router.handleCommand("explain", "pod/web-0 -n payments", payMember()));
		await seen(router.handleCommand("readiness", "--demo", stranger));
		const lines = auditLines(file);
		expect(lines).toEqual([
			{
				kind: "audit",
				time: fixed.toISOString(),
				platform: "slack",
				workspaceId: "slack:T1",
				channelId: payChannel,
				userId: "slack:T1:U1",
				command: "readiness",
				cluster: "default",
				namespace: "payments",
				result: "report",
				outcome: expect.stringMatching(/^fail: \d+ of 10 workloads pass$/),
			},
			expect.objectContaining({ userId: "slack:T1:U2", cluster: "prod-us", namespace: "payments", result: "refused", outcome: "policy" }),
			expect.objectContaining({ userId: "slack:T1:U1", namespace: "broken", result: "error", outcome: "unauthorized" }),
			expect.objectContaining({
				command: "explain",
				object: "pod/web-0",
				namespace: "payments",
				result: "report",
				outcome: "nothing failing now",
			}),
			expect.objectContaining({ command: "readiness", cluster: "demo", namespace: "demo", result: "report" }),
		]);
	});
});

describe("isManager and course changes", () => {
	it("names a manager by user id, Slack user group or Discord role", () => {
		const authorization = new Authorization({ managers: ["slack:T1:U9", "slack:T1:S0MGR", "discord:G1:role:5"] });
		expect(authorization.isManager(contextIn("slack:T1:C1", "slack:T1:U9"))).toBe(true);
		expect(authorization.isManager(contextIn("slack:T1:C1", "slack:T1:U1", ["slack:T1:S0MGR"]))).toBe(true);
		expect(authorization.isManager(contextIn("discord:G1:C1", "discord:G1:U1", ["discord:G1:role:5"]))).toBe(true);
		expect(authorization.isManager(contextIn("discord:G1:C1", "discord:G1:U1", ["discord:G1:role:6"]))).toBe(false);
		expect(new Authorization().isManager(contextIn("slack:T1:C1", "slack:T1:U9"))).toBe(false);
	});

	it("lets admins and the channel's own course admins change a course", () => {
		const authorization = new Authorization({ admins: ["slack:T1:S0ADM"] });
		const channel = { admins: ["slack:T1:U7"] } as never;
		expect(authorization.mayChangeCourse(contextIn("slack:T1:C1", "slack:T1:U1", ["slack:T1:S0ADM"]), null)).toBe(true);
		expect(authorization.mayChangeCourse(contextIn("slack:T1:C1", "slack:T1:U7"), channel)).toBe(true);
		expect(authorization.mayChangeCourse(contextIn("slack:T1:C1", "slack:T1:U8"), channel)).toBe(false);
	});
});

describe("Slack user groups", () => {
	it("are read when the admins, the managers or a grant name one, or a pattern that may match one", () => {
		const base = parseConfig({});
		expect(namesSlackGroups(base)).toBe(false);
		expect(namesSlackGroups({ ...base, KUBECOACH_ADMINS: ["slack:T1:U1"] })).toBe(false);
		expect(namesSlackGroups({ ...base, KUBECOACH_MANAGERS: ["slack:T1:S0MGR"] })).toBe(true);
		expect(namesSlackGroups({ ...base, policy })).toBe(true);
		const onlyUsers = policySchema.parse({
			readiness: [{ who: ["slack:T1:U1", "discord:G1:role:1"], clusters: ["*"], namespaces: ["*"] }],
		});
		expect(namesSlackGroups({ ...base, policy: onlyUsers })).toBe(false);
		expect(
			namesSlackGroups({ ...base, policy: { ...onlyUsers, readiness: [{ ...onlyUsers.readiness[0], who: ["slack:T1:*"] } as never] } }),
		).toBe(true);
	});
});
