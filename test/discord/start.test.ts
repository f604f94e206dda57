/**
 * `kubecoach start` with Discord configured, as an operator runs it: a separate Node process
 * whose environment names the stand-in, which logs in and answers `/explain OOMKilled`; and the
 * one line it stops with when Discord refuses the token or the settings are half there.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";
import { shownText, user } from "./harness.ts";
import { APP_ID, DiscordStandIn, GUILD, TOKEN } from "./stand-in/discord-stand-in.ts";

let standIn: DiscordStandIn;
beforeAll(async () => {
	standIn = await DiscordStandIn.start();
});
afterAll(async () => {
	await standIn?.close();
});

function start(env: Record<string, string>) {
	// A home of its own: no kubeconfig, so no cluster and no line about one.
	const home = mkdtempSync(join(tmpdir(), "kubecoach-discord-"));
	const child = spawn(process.execPath, [join(repoRoot, "bin/start.ts")], {
		cwd: repoRoot,
		// PORT 0: the health endpoints listen on a free port, so that parallel tests do not collide on 3000.
		env: { PATH: process.env.PATH ?? "", HOME: home, KUBECOACH_DATA_DIR: join(home, "data"), PORT: "0", ...env },
		stdio: ["ignore", "pipe", "pipe"],
	});
	let stderr = "";
	child.stderr.on("data", (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
	return { child, exited, stderr: () => stderr };
}

describe("kubecoach start with Discord", () => {
	it("logs in with DISCORD_TOKEN and answers /explain OOMKilled in a guild channel", async () => {
		const bot = start({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: standIn.api, KUBECOACH_VERBOSE: "1" });
		try {
			await standIn.until(
				() => standIn.gateway.sessions.length > 0 && bot.stderr().includes("Discord: connected"),
				20_000,
				"the bot to connect",
			);
			const identify = standIn.gateway.frames.find((frame) => frame.op === 2);
			// The Guilds intent only (1 << 0): interactions need none, and nothing privileged is asked for.
			expect((identify?.d as { intents?: number } | undefined)?.intents).toBe(1);
			const interaction = standIn.command({ guild: GUILD, channelId: GUILD.channels[0]?.id ?? "", user: user(1) }, "explain", [
				{ name: "question", type: 3, value: "OOMKilled" },
			]);
			await standIn.until(() => interaction.callback !== undefined, 10_000, "the answer");
			expect(shownText(interaction.original ?? { content: "", embeds: [] })).toContain("OOMKilled");
			expect(bot.stderr()).not.toContain(TOKEN);
		} finally {
			bot.child.kill("SIGTERM");
		}
		expect(await bot.exited).toBe(0);
	});

	it("stops with one line and exit code 2 when Discord refuses the token", async () => {
		const bot = start({ DISCORD_TOKEN: "a-reset-token", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: standIn.api });
		expect(await bot.exited).toBe(2);
		expect(bot.stderr()).toBe(
			"kubecoach: Discord refused DISCORD_TOKEN (401 Unauthorized on /gateway/bot): reset the token in the Developer Portal (your application → Bot → Reset Token) and set DISCORD_TOKEN to the new one.\n",
		);
	});

	it("refuses DISCORD_TOKEN without DISCORD_APPLICATION_ID, naming what is missing", async () => {
		const bot = start({ DISCORD_TOKEN: "a-token" });
		expect(await bot.exited).toBe(2);
		expect(bot.stderr()).toContain("DISCORD_APPLICATION_ID: set DISCORD_TOKEN and DISCORD_APPLICATION_ID together");
		expect(bot.stderr()).not.toContain("a-token");
	});
});
