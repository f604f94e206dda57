// The `kubecoach` command line: dispatches to one command module and sets the exit code.
import type { CommandIo } from "./command-io.ts";
import { explainCommand } from "./commands/explain.ts";
import { runMain } from "./run-main.ts";
import { startCommand } from "./start.ts";

const USAGE = `Usage: kubecoach <command> [options]
Commands:
  explain [--json] [--batch] QUESTION   answer a question from the course's lessons
  start                                  run the bot (console chat when no platform is configured)
Run "kubecoach <command> --help" for a command's options.
`;

type CommandFn = (args: readonly string[], io: CommandIo) => Promise<number>;

const commands: Record<string, CommandFn> = {
	explain: explainCommand,
	start: startCommand,
};

export async function cli(argv: readonly string[], io: CommandIo): Promise<number> {
	const [name, ...args] = argv;
	if (name === undefined || name === "--help" || name === "help") {
		io.stdout.write(USAGE);
		return name === undefined ? 2 : 0;
	}
	const command = commands[name];
	if (!command) {
		io.stderr.write(`kubecoach: unknown command "${name}".\n\n${USAGE}`);
		return 2;
	}
	return command(args, io);
}

/** Entry point of bin/kubecoach.js. */
export async function main(): Promise<void> {
	await runMain((io) => cli(process.argv.slice(2), io));
}
