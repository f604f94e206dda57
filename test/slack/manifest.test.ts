/**
 * deploy/slack-manifest.yml holds exactly what the adapter registers and calls: the slash commands
 * (each a command of the real core), the events it listens to, and the scopes of the Web API
 * methods it uses, checked against a workout of every feature through the real Bolt app.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHOD_SCOPES, manifestYaml, SLACK_COMMANDS, SLACK_EVENTS, SLACK_SCOPES, slackManifest } from "../../adapters/slack/slack-app.ts";
import { repoRoot } from "../helpers/course.ts";
import { ADMIN_USER, CHANNEL, type SlackWorld, startSlackWorld } from "./harness.ts";
import { readBlocks } from "./read-blocks.ts";

describe("the Slack app manifest", () => {
	it("is the one generated from the adapter's data (run node scripts/slack-manifest.ts --write after changing it)", () => {
		expect(readFileSync(join(repoRoot, "deploy", "slack-manifest.yml"), "utf8")).toBe(manifestYaml());
	});

	it("points every Request URL at /slack/events in HTTP mode, and has none in Socket Mode", () => {
		const http = slackManifest({ requestUrl: "https://kubecoach.example.com/" });
		const url = "https://kubecoach.example.com/slack/events";
		expect(http.settings?.socket_mode_enabled).toBe(false);
		expect(http.settings?.event_subscriptions?.request_url).toBe(url);
		expect(http.settings?.interactivity?.request_url).toBe(url);
		expect(http.features?.slash_commands?.map((command) => command.url)).toEqual(SLACK_COMMANDS.map(() => url));
		expect(JSON.stringify(slackManifest())).not.toContain("request_url");
		expect(slackManifest().settings?.socket_mode_enabled).toBe(true);
	});

	it("asks for exactly the scopes of the methods the adapter calls, of slash commands and of @mentions", () => {
		expect(slackManifest().oauth_config?.scopes?.bot).toEqual(SLACK_SCOPES);
		expect([...SLACK_SCOPES].sort()).toEqual([
			"app_mentions:read",
			"channels:history",
			"chat:write",
			"commands",
			"files:write",
			"groups:history",
			"im:write",
			"usergroups:read",
		]);
	});
});

describe("the Slack adapter against its manifest", () => {
	let world: SlackWorld;
	beforeAll(async () => {
		world = await startSlackWorld({ mode: "http", chatOptions: { userGroups: true }, admins: ["slack:T0001:S0ADMINS"] });
		world.standIn.userGroups.set("S0ADMINS", ["U0GROUPED"]);
	});
	afterAll(async () => {
		await world.close();
	});

	it("answers every slash command of the manifest, each a command of the core", async () => {
		const core = new Set(world.router.commands.map((command) => command.name));
		for (const { name } of SLACK_COMMANDS) {
			if (name !== "kubecoach") expect(core.has(name), name).toBe(true);
			const sent = await world.command(`/${name}`, "", { user: "U0GROUPED" });
			expect(sent.status, name).toBe(200);
		}
		expect(world.routed.filter((call) => call.startsWith("command "))).toEqual(SLACK_COMMANDS.map(({ name }) => `command ${name}`));
	});

	it("listens to every event of the manifest and to no other", async () => {
		const before = world.routed.length;
		await world.event({
			type: "app_mention",
			user: "U0ASK",
			channel: CHANNEL,
			ts: "1700001000.000100",
			text: `<@${world.standIn.botUserId}> help`,
		});
		await world.event({ type: "app_home_opened", user: "U0ASK", channel: "D0ASK", tab: "home" });
		await world.event({ type: "member_joined_channel", user: "U0ASK", channel: CHANNEL, ts: "1700001000.000200" });
		await world.standIn.until(() => world.standIn.views.has("U0ASK"));
		expect(world.routed.slice(before)).toEqual(["text help", "home"]);
		expect([...SLACK_EVENTS]).toEqual(["app_mention", "app_home_opened"]);
	});

	it("takes Slack user groups from usergroups.list: a group named in KUBECOACH_ADMINS may change the course", async () => {
		await world.command("/course", "start", { user: "U0GROUPED" });
		const refused = await world.command("/course", "pause", { user: ADMIN_USER });
		expect(readBlocks((refused.body as { blocks: unknown[] }).blocks).text).toMatch(/admin/i);
		await world.command("/course", "pause", { user: "U0GROUPED" });
		expect((await world.store.getChannel(`slack:T0001:${CHANNEL}`))?.paused).toBe(true);
	});

	it("calls only the Web API methods it lists with their scopes, and every one of them", async () => {
		// The rest of the workout: a quiz post and a press, a report with its thread and file, a reply to a channel it is not in.
		await world.command("/quiz", "3");
		const quiz = world.standIn.messagesIn(CHANNEL).at(-1);
		await world.press(readBlocks(quiz?.blocks ?? []).buttons[0]?.id ?? "", { user: "U0ASK", messageTs: quiz?.ts ?? "" });
		await world.command("/readiness", "--demo");
		await world.standIn.until(() => world.standIn.callsOf("files.completeUploadExternal").length > 0, 10_000);
		world.standIn.gone.set("C0NOTIN", "not_in_channel");
		await world.command("/explain", "OOMKilled", { channel: "C0NOTIN" });
		await world.event({
			type: "app_mention",
			user: "U0ASK",
			channel: "C0NOTIN",
			ts: "1700001100.000100",
			text: `<@${world.standIn.botUserId}> quiz mine`,
		});
		await world.standIn.until(
			() => world.standIn.callsOf("conversations.open").length > 0 && world.standIn.callsOf("chat.update").length > 0,
			10_000,
		);
		// A replica taking over a scheduled quiz looks for it first (ChatPort.findPost).
		await world.chat.findPost(`slack:T0001:${CHANNEL}`, "item", new Date(0));
		const called = new Set(
			world.standIn.calls.map((call) => call.method).filter((method) => method !== "upload" && method !== "response_url"),
		);
		expect([...called].sort()).toEqual(Object.keys(METHOD_SCOPES).sort());
	});
});
