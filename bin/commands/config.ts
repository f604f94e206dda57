// `kubecoach config check [--file PATH]`: validates the configuration and prints what the bot would run with.
import { ConfigError, SETTING_NAMES } from "../../src/config.ts";
import { type Source, shownValue } from "../../src/config-file.ts";
import type { CommandIo } from "../command-io.ts";
import { loadConfig } from "../load-config.ts";

const USAGE =
	"Usage: kubecoach config check [--file PATH]\n" +
	"Validates the configuration (the file of KUBECOACH_CONFIG, or PATH, and the environment) and prints the effective\n" +
	"settings, secrets hidden, with where each came from: env (overrides the file), file, default.\n" +
	"Exit 0: valid; 2: invalid, with one problem a line.\n";

const describe = (source: Source): string =>
	source.from === "file" ? `file ${source.path}${source.line === undefined ? "" : `:${source.line}`}` : source.from;

export async function configCommand(args: readonly string[], io: CommandIo): Promise<number> {
	const [sub, ...rest] = args;
	if (sub === "--help" || sub === "help") {
		io.stdout.write(USAGE);
		return 0;
	}
	if (sub !== "check") {
		io.stderr.write(`kubecoach config: ${sub === undefined ? "which subcommand?" : `unknown subcommand "${sub}"`}\n${USAGE}`);
		return 2;
	}
	let file: string | undefined;
	for (let i = 0; i < rest.length; i++) {
		const word = rest[i] as string;
		if (word === "--file" && rest[i + 1] !== undefined) file = rest[++i];
		else if (word.startsWith("--file=")) file = word.slice("--file=".length);
		else {
			io.stderr.write(`kubecoach config check: unknown option ${word}\n${USAGE}`);
			return 2;
		}
	}
	let resolved: ReturnType<typeof loadConfig>;
	try {
		resolved = loadConfig(io, file ?? io.env.KUBECOACH_CONFIG);
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		io.stderr.write(
			`kubecoach: the configuration is not valid (${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}):\n`,
		);
		for (const problem of error.problems) io.stderr.write(`${problem}\n`);
		return 2;
	}
	const { config, sources, filePaths } = resolved;
	const used = file ?? io.env.KUBECOACH_CONFIG;
	io.stdout.write(
		`The configuration is valid (${used ? `file ${used}` : "no file: KUBECOACH_CONFIG is not set"}; the environment overrides the file, the file overrides the defaults).\n\n`,
	);
	const rows = SETTING_NAMES.map((name) => [name, filePaths[name] ?? "-", shownValue(name, config[name]), describe(sources[name])]);
	const header = ["setting", "in the file", "value", "from"];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
	const line = (row: readonly string[]) =>
		`${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] as number))).join("  ")}\n`;
	io.stdout.write(line(header));
	for (const row of rows) io.stdout.write(line(row));
	const policy = config.policy;
	io.stdout.write("\n");
	if (policy === undefined) io.stdout.write("policy: none (anyone may run /readiness on any cluster, within the namespace allow-list)\n");
	else {
		io.stdout.write(
			`policy (${sources.policy ? describe(sources.policy) : "file"}): deny by default; ${policy.readiness.length} grant${policy.readiness.length === 1 ? "" : "s"} for /readiness and /explain pod/\n`,
		);
		for (const grant of policy.readiness)
			io.stdout.write(
				`  who ${grant.who.join(", ")} · from ${grant.channels?.join(", ") ?? "any channel"} · clusters ${grant.clusters.join(", ")} · namespaces ${grant.namespaces.join(", ")}\n`,
			);
		if (policy.contact !== undefined) io.stdout.write(`  refusals say to ask: ${policy.contact}\n`);
	}
	return 0;
}
