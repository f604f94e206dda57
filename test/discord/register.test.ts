/**
 * `npm run discord:register` against the stand-in: one bulk overwrite per guild or globally,
 * what changed said by name, nothing sent when nothing changed, and one line when Discord
 * refuses. The command definitions themselves are checked against Discord's rules here too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_DEFINITIONS } from "../../adapters/discord/command-definitions.ts";
import { discordRegisterCommand } from "../../bin/discord-register.ts";
import { APP_ID, DiscordStandIn, GUILD, TOKEN } from "./stand-in/discord-stand-in.ts";

let standIn: DiscordStandIn;
beforeAll(async () => {
	standIn = await DiscordStandIn.start();
});
afterAll(async () => {
	await standIn?.close();
});

async function register(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
	let stdout = "";
	let stderr = "";
	const code = await discordRegisterCommand([], {
		stdin: process.stdin,
		stdout: { write: (text: string) => (stdout += text) },
		stderr: { write: (text: string) => (stderr += text) },
		env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: standIn.api, ...env },
		cwd: process.cwd(),
	});
	return { code, stdout, stderr };
}

const puts = () => standIn.calls.filter((c) => c.method === "PUT").length;

describe("npm run discord:register", () => {
	it("registers every command in the guild with one bulk overwrite, then sends nothing when nothing changed", async () => {
		const first = await register({ DISCORD_GUILD_ID: GUILD.id });
		expect(first.code).toBe(0);
		expect(first.stdout).toContain(`Registered the commands in guild ${GUILD.id} with one bulk overwrite`);
		expect(first.stdout).toContain(
			"added      /explain, /readiness, /course, /quiz, /participation, /episodes, /episode, /help, /kubecoach",
		);
		expect(puts()).toBe(1);
		expect(standIn.calls.find((c) => c.method === "PUT")?.path).toBe(`/applications/${APP_ID}/guilds/${GUILD.id}/commands`);
		const again = await register({ DISCORD_GUILD_ID: GUILD.id });
		expect(again.stdout).toContain("are up to date; nothing sent");
		expect(again.stdout).toContain(
			"unchanged  /explain, /readiness, /course, /quiz, /participation, /episodes, /episode, /help, /kubecoach",
		);
		expect(puts()).toBe(1);
	});

	it("says what it updates and removes: a changed description, a command no longer defined", async () => {
		const registered = standIn.state.commands.get(GUILD.id) ?? [];
		standIn.state.commands.set(GUILD.id, [
			...registered.map((command) => (command.name === "quiz" ? { ...command, description: "An older description" } : command)),
			{
				id: "1",
				application_id: APP_ID,
				version: "1",
				type: 1,
				name: "oldcommand",
				description: "Gone now",
				default_member_permissions: null,
				nsfw: false,
			},
		]);
		const result = await register({ DISCORD_GUILD_ID: GUILD.id });
		expect(result.stdout).toContain("updated    /quiz");
		expect(result.stdout).toContain("removed    /oldcommand");
		expect(result.stdout).toContain("unchanged  /explain, /readiness, /course, /participation, /episodes, /episode, /help, /kubecoach");
		expect(standIn.state.commands.get(GUILD.id)?.map((c) => c.name)).toEqual([
			"explain",
			"readiness",
			"course",
			"quiz",
			"participation",
			"episodes",
			"episode",
			"help",
			"kubecoach",
		]);
	});

	it("registers globally without DISCORD_GUILD_ID", async () => {
		const result = await register({});
		expect(result.stdout).toContain("Registered the commands globally");
		expect(result.stdout).toContain("up to an hour");
		expect(standIn.calls.filter((c) => c.method === "PUT").at(-1)?.path).toBe(`/applications/${APP_ID}/commands`);
	});

	it("stops with one line when Discord refuses the token, and when the settings are missing", async () => {
		const refused = await register({ DISCORD_TOKEN: "wrong-token" });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toBe(
			"kubecoach: Discord refused DISCORD_TOKEN (401 Unauthorized): reset it in the Developer Portal (your application → Bot → Reset Token).\n",
		);
		let missingLine = "";
		const missing = await discordRegisterCommand([], {
			stdin: process.stdin,
			stdout: { write: () => true },
			stderr: { write: (text: string) => (missingLine += text) },
			env: {},
			cwd: process.cwd(),
		});
		expect(missing).toBe(2);
		expect(missingLine).toContain("set DISCORD_TOKEN and DISCORD_APPLICATION_ID");
	});
});

describe("the command definitions", () => {
	it("fit Discord's rules: lower-case names, descriptions of 1 to 100 characters, at most 25 options, autocomplete only on text and numbers", () => {
		type Option = { name: string; description: string; type: number; autocomplete?: boolean; options?: Option[] };
		const check = (option: Option) => {
			expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
			expect(option.description.length).toBeGreaterThan(0);
			expect(option.description.length).toBeLessThanOrEqual(100);
			if (option.autocomplete) expect([3, 4, 10]).toContain(option.type);
			expect((option.options ?? []).length).toBeLessThanOrEqual(25);
			for (const child of option.options ?? []) check(child);
		};
		for (const definition of COMMAND_DEFINITIONS) check(definition.json as unknown as Option);
		const names = COMMAND_DEFINITIONS.map((d) => d.json.name);
		expect(new Set(names).size).toBe(names.length);
	});
});
