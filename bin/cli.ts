// The `kubecoach` command line: dispatches to one command module and sets the exit code.
import type { CommandIo } from "./command-io.ts";
import { runMain } from "./run-main.ts";

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

// Each command's modules load when it runs: `explain` never pays for the Kubernetes client or the chat platforms.
const commands: Record<string, CommandFn> = {
	config: async (args, io) => (await import("./commands/config.ts")).configCommand(args, io),
	explain: async (args, io) => (await import("./commands/explain.ts")).explainCommand(args, io),
	// The cluster comes from the environment given (KUBECONFIG, in-cluster, ~/.kube/config) and --context.
	readiness: async (args, io) => {
		const [{ readinessCommand }, { liveReaderFactory }] = await Promise.all([
			import("./commands/readiness.ts"),
			import("./live-reader-from-env.ts"),
		]);
		return readinessCommand([...args], io, { liveReader: liveReaderFactory(io.env, io.cwd) });
	},
	start: async (args, io) => (await import("./start.ts")).startCommand(args, io),
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
