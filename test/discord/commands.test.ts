/**
 * Every slash command through the real discord.js gateway and REST clients and the stand-in, as a member of a
 * guild would use it: what the response is (a reply at once, ephemeral or for the channel), what
 * the channel shows, and that each first response came within Discord's 3 seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_DEFINITIONS } from "../../adapters/discord/command-definitions.ts";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { parseSchedule } from "../../src/schedule/schedule.ts";
import { ADMIN_ROLE, type DiscordWorld, OTHER_CHANNEL, STUDY_CHANNEL, shownText, startDiscordWorld, user } from "./harness.ts";
import type { InteractionState } from "./stand-in/discord-stand-in.ts";

const EPHEMERAL = 64;
const STRING = 3;
const INTEGER = 4;
const SUBCOMMAND = 1;
const BOOLEAN = 5;

let world: DiscordWorld;
beforeAll(async () => {
	world = await startDiscordWorld({ readinessNamespaces: ["payments", "team-*"] });
});
afterAll(async () => {
	await world?.close();
});

async function answered(interaction: InteractionState): Promise<InteractionState> {
	await world.standIn.until(() => interaction.callback !== undefined, 5000, `a response to interaction ${interaction.id}`);
	const callback = interaction.callback;
	expect(callback && callback.at - interaction.dispatchedAt).toBeLessThan(3000);
	return interaction;
}

const shown = (interaction: InteractionState) => shownText(interaction.original ?? { content: "", embeds: [] });
const ephemeral = (interaction: InteractionState) => ((interaction.original?.flags ?? 0) & EPHEMERAL) !== 0;

describe("slash commands in a guild channel", () => {
	it("/explain OOMKilled answers at once, for the channel, with the lesson and buttons that carry the core's ids", async () => {
		const interaction = await answered(
			world.standIn.command(world.where(user(1)), "explain", [{ name: "question", type: STRING, value: "OOMKilled" }]),
		);
		expect(interaction.callback?.type).toBe(4);
		expect(ephemeral(interaction)).toBe(false);
		expect(shown(interaction)).toContain("OOMKilled");
		expect(shown(interaction)).toContain("OOM killer");
		const ids = (interaction.original?.components ?? []).flatMap((row) => row.components.map((button) => button.custom_id ?? ""));
		expect(ids.map((id) => decodeButtonId(id)?.action)).toEqual(["quiz", "explain-more"]);
		expect(world.standIn.messages(STUDY_CHANNEL)).toContain(interaction.original);
		// The interaction's token is the credential: no bot token on the callback.
		const call = world.standIn.calls.find((c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
		expect(call?.headers.authorization).toBeUndefined();
	});

	it("a button of that answer works: More shows the full lesson", async () => {
		const answer = await answered(
			world.standIn.command(world.where(user(2)), "explain", [{ name: "question", type: STRING, value: "OOMKilled" }]),
		);
		const message = answer.original;
		if (!message) throw new Error("no answer");
		const more = message.components.flatMap((row) => row.components).find((button) => button.label?.startsWith("More"));
		if (!more?.custom_id) throw new Error("no More button");
		const press = await answered(world.standIn.press(world.where(user(3)), message, more.custom_id));
		expect(shown(press)).toMatch(/137/);
	});

	it("/kubecoach alone shows the help privately; /kubecoach command:'episode 3' shows Episode 3", async () => {
		const help = await answered(world.standIn.command(world.where(user(1)), "kubecoach"));
		expect(ephemeral(help)).toBe(true);
		expect(shown(help)).toContain("kubecoach commands");
		const episode = await answered(
			world.standIn.command(world.where(user(1)), "kubecoach", [{ name: "command", type: STRING, value: "episode 3" }]),
		);
		expect(shown(episode)).toContain("Episode 3: RBAC and Secrets");
	});

	it("/episodes lists them, /episode number:7 shows one, /help shows the help, each as the core's help names them", async () => {
		const list = await answered(world.standIn.command(world.where(user(1)), "episodes"));
		expect(shown(list)).toContain("Multi-Cluster Management");
		const seven = await answered(world.standIn.command(world.where(user(1)), "episode", [{ name: "number", type: INTEGER, value: 7 }]));
		expect(shown(seven)).toContain("Episode 7: Observability");
		const help = await answered(world.standIn.command(world.where(user(1)), "help"));
		expect(ephemeral(help)).toBe(true);
		// Every command the help names is one Discord offers.
		const named = [...shown(help).matchAll(/`\/([a-z]+)/g)].map((m) => m[1]);
		const registered = COMMAND_DEFINITIONS.map((d) => d.json.name);
		expect(named.length).toBeGreaterThan(5);
		expect(named.filter((name) => !registered.includes(name ?? ""))).toEqual([]);
	});

	it("/readiness without a cluster says how to connect one, privately; a namespace outside the allow-list is not the point then", async () => {
		const interaction = await answered(
			world.standIn.command(world.where(user(1)), "readiness", [{ name: "namespace", type: STRING, value: "payments" }]),
		);
		expect(ephemeral(interaction)).toBe(true);
		expect(shown(interaction)).toContain("No cluster is connected");
	});

	it("/readiness demo: defers for the channel, tells the asker privately what it checks, then the report takes the deferral's place", async () => {
		const interaction = await answered(
			world.standIn.command(world.where(user(4)), "readiness", [
				{ name: "demo", type: BOOLEAN, value: true },
				{ name: "profile", type: STRING, value: "complete" },
			]),
		);
		expect(interaction.callback?.type).toBe(5);
		expect(interaction.callback?.flags).toBe(0);
		await world.standIn.until(
			() => (interaction.original?.edited ?? 0) > 0 && interaction.deletedFollowUps.length === 1,
			10_000,
			"the report",
		);
		const report = interaction.original;
		expect(shownText(report ?? { content: "", embeds: [] })).toMatch(/Readiness of demo: \d+\/100/);
		expect(report?.attachments.map((a) => a.filename)).toEqual(["readiness-demo.txt"]);
		expect(new TextDecoder().decode(report?.attachments[0]?.data)).toContain("Deployment/catalog");
		expect(world.standIn.messages(STUDY_CHANNEL)).toContain(report);
		const [details] = interaction.followUps;
		expect((details?.flags ?? 0) & EPHEMERAL).toBe(0);
		expect(shownText(details ?? { content: "", embeds: [] })).toContain("Top failures");
		// The private note said what was checked while it ran, and went once the report was there.
		const [note] = interaction.deletedFollowUps;
		expect(note?.flags).toBe(EPHEMERAL);
		expect(note?.content).toBe("Checking the demo namespace ...");
	});

	it("/quiz post puts a quiz in the channel for everyone and leaves nothing behind for the one who asked", async () => {
		const before = world.standIn.messages(OTHER_CHANNEL).length;
		const interaction = await answered(
			world.standIn.command(world.where(user(5), { channel: OTHER_CHANNEL }), "quiz", [
				{ name: "post", type: SUBCOMMAND, options: [{ name: "episode", type: INTEGER, value: 4 }] },
			]),
		);
		await world.standIn.until(() => interaction.originalDeleted, 5000, "the deferral to be removed");
		expect(interaction.callback?.type).toBe(5);
		const posted = world.standIn.messages(OTHER_CHANNEL).slice(before);
		expect(posted).toHaveLength(1);
		expect(shownText(posted[0] ?? { content: "", embeds: [] })).toContain("Recall quiz · Episode 4");
		expect(posted[0]?.components.flatMap((row) => row.components)).toHaveLength(4);
	});

	it("/quiz me and /quiz mine answer privately", async () => {
		const me = await answered(world.standIn.command(world.where(user(6)), "quiz", [{ name: "me", type: SUBCOMMAND, options: [] }]));
		const mine = await answered(world.standIn.command(world.where(user(6)), "quiz", [{ name: "mine", type: SUBCOMMAND, options: [] }]));
		expect([ephemeral(me), ephemeral(mine)]).toEqual([true, true]);
		expect(shown(mine)).toMatch(/answer/i);
	});

	it("/course: a member with the configured admin role starts it; a learner may ask the status but not pause it", async () => {
		const started = await answered(
			world.standIn.command(world.where(user(7), { roles: [ADMIN_ROLE] }), "course", [
				{
					name: "start",
					type: SUBCOMMAND,
					options: [
						{ name: "schedule", type: STRING, value: "mondays 9:00" },
						{ name: "time_zone", type: STRING, value: "Europe/Berlin" },
					],
				},
			]),
		);
		expect(ephemeral(started)).toBe(false);
		expect(shown(started)).toContain("starts here");
		const channel = await world.store.getChannel(`discord:${world.where(user(7)).guild?.id}:${STUDY_CHANNEL}`);
		expect(channel?.timeZone).toBe("Europe/Berlin");
		const status = await answered(
			world.standIn.command(world.where(user(8)), "course", [{ name: "status", type: SUBCOMMAND, options: [] }]),
		);
		expect(ephemeral(status)).toBe(true);
		expect(shown(status)).toContain("Next: Episode 1");
		const refused = await answered(
			world.standIn.command(world.where(user(8), { roles: ["140000000000000002"] }), "course", [
				{ name: "pause", type: SUBCOMMAND, options: [] },
			]),
		);
		expect(ephemeral(refused)).toBe(true);
		expect(shown(refused)).toContain("Only admins may change");
		const paused = await answered(
			world.standIn.command(world.where(user(9), { roles: [ADMIN_ROLE] }), "course", [{ name: "pause", type: SUBCOMMAND, options: [] }]),
		);
		expect(shown(paused)).toContain("Paused");
	});

	it("/course schedule, skip, next and resume, by an admin: the schedule's words reach the core as one, the next episode is posted", async () => {
		const admin = world.where(user(11), { roles: [ADMIN_ROLE], channel: OTHER_CHANNEL });
		const course = (name: string, options: { name: string; type: number; value: string }[] = []) =>
			answered(world.standIn.command(admin, "course", [{ name, type: SUBCOMMAND, options }]));
		expect(shown(await course("start"))).toContain("starts here");
		const scheduled = await course("schedule", [
			{ name: "schedule", type: STRING, value: "weekdays at 09:30" },
			{ name: "time_zone", type: STRING, value: "Asia/Tokyo" },
		]);
		expect(shown(scheduled)).toContain("New schedule");
		const channelId = `discord:${admin.guild?.id}:${OTHER_CHANNEL}`;
		expect(await world.store.getChannel(channelId)).toMatchObject({
			schedule: parseSchedule("weekdays at 09:30", "Asia/Tokyo").cron,
			timeZone: "Asia/Tokyo",
		});
		expect(shown(await course("skip"))).toContain("Skipped Episode 1");
		const before = world.standIn.messages(OTHER_CHANNEL).length;
		const next = await course("next");
		await world.standIn.until(() => next.originalDeleted, 5000, "the deferral of /course next to go");
		expect(
			world.standIn
				.messages(OTHER_CHANNEL)
				.slice(before)
				.map((m) => shownText(m).split("\n")[0]),
		).toEqual(["New episode · Episode 2: Resource Management"]);
		expect(shown(await course("pause"))).toContain("Paused");
		expect(shown(await course("resume"))).toContain("Resumed");
	});

	it("works in a direct message too", async () => {
		const dm = await answered(
			world.standIn.command({ channelId: "160000000000000001", user: user(10) }, "explain", [
				{ name: "question", type: STRING, value: "what is a PDB" },
			]),
		);
		expect(shown(dm)).toContain("PodDisruptionBudget");
	});
});
