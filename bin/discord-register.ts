// `npm run discord:register`: registers kubecoach's slash commands with Discord, in DISCORD_GUILD_ID
// (at once, for development) or globally (for production), and prints what changed.
import { DEFAULT_API_URL } from "../adapters/discord/discord-chat.ts";
import { describeRegistration, RegisterError, registerCommands } from "../adapters/discord/register-commands.ts";
import type { CommandIo } from "./command-io.ts";
import { loadConfig } from "./load-config.ts";

export async function discordRegisterCommand(args: readonly string[], io: CommandIo): Promise<number> {
	if (args.includes("--help")) {
		io.stdout.write(
			"Usage: npm run discord:register\nRegisters the slash commands of the application DISCORD_APPLICATION_ID with the bot token DISCORD_TOKEN:\n" +
				"in the server DISCORD_GUILD_ID when it is set (they appear at once), otherwise globally (they may take up to an hour to appear).\n" +
				"One bulk overwrite: commands no longer defined are removed. Nothing is sent when nothing changed.\n",
		);
		return 0;
	}
	const config = loadConfig(io).config;
	const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = config;
	if (token === undefined || applicationId === undefined) {
		io.stderr.write(
			"kubecoach: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one server) to register the commands.\n",
		);
		return 2;
	}
	const where = guildId ? `in guild ${guildId}` : "globally";
	try {
		const result = await registerCommands({
			token,
			applicationId,
			apiUrl: config.DISCORD_API_URL ?? DEFAULT_API_URL,
			...(guildId ? { guildId } : {}),
		});
		io.stdout.write(`${describeRegistration(result, where)}\n`);
		if (!guildId && result.written) io.stdout.write("Global commands can take up to an hour to appear in every server.\n");
		return 0;
	} catch (error) {
		if (!(error instanceof RegisterError)) throw error;
		io.stderr.write(`kubecoach: ${error.message}\n`);
		return 1;
	}
}

if (import.meta.main) {
	const { runMain } = await import("./run-main.ts");
	await runMain((io) => discordRegisterCommand(process.argv.slice(2), io));
}
