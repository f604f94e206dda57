// The `kubecoach` command line: dispatches to one command module and sets the exit code.
import type { CommandIo } from "./command-io.ts";
import { configCommand } from "./commands/config.ts";
import { explainCommand } from "./commands/explain.ts";
import { readinessCommand } from "./commands/readiness.ts";
import { liveReaderFactory } from "./live-reader-from-env.ts";
import { runMain } from "./run-main.ts";
import { startCommand } from "./start.ts";

const USAGE = `Usage: kubecoach <command> [options]
Commands:
  config check [--file PATH]            validate the configuration (KUBECOACH_CONFIG and the environment) and print it,
                                         secrets hidden, with where each setting came from (exit 0: valid, 2: invalid)
  explain [--json] [--batch] QUESTION   answer a question from the course's lessons
  readiness (--namespace NS [--context CTX] | --file PATH...) [--profile core|complete] [--json|--sarif]
                                         audit a namespace against the production-readiness checklist
                                         (exit 0: all pass, 1: a workload fails, 2: bad input or cluster unreadable)
  start                                  run the bot (console chat when no platform is configured)
Run "kubecoach <command> --help" for a command's options.
`;

type CommandFn = (args: readonly string[], io: CommandIo) => Promise<number>;

const commands: Record<string, CommandFn> = {
	config: configCommand,
	explain: explainCommand,
	// The cluster comes from the environment given (KUBECONFIG, in-cluster, ~/.kube/config) and --context.
	readiness: (args, io) => readinessCommand([...args], io, { liveReader: liveReaderFactory(io.env, io.cwd) }),
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
