// Composition root for `npm start` / `kubecoach start`: reads the environment once and runs the
// bot with the adapters it configures. With nothing configured: the console chat on stdin/stdout.
import { runConsoleChat } from "../adapters/console/console-chat.ts";
import { createCore } from "../src/app.ts";
import { parseConfig } from "../src/config.ts";
import type { CommandIo } from "./command-io.ts";
import { configuredClusterReader } from "./live-reader-from-env.ts";
import { loadConfiguredCourse } from "./load-course.ts";

export async function startCommand(args: readonly string[], io: CommandIo): Promise<number> {
	if (args.includes("--help")) {
		io.stdout.write(
			"Usage: kubecoach start\nRuns the bot. With no chat platform configured it runs the console chat on standard input and output.\n",
		);
		return 0;
	}
	const config = parseConfig(io.env);
	const course = loadConfiguredCourse(config, io.cwd);
	// The cluster /readiness audits: only when a kubeconfig or in-cluster config is present.
	const { reader, warning } = configuredClusterReader(io.env, io.cwd);
	if (warning !== undefined) io.stderr.write(`kubecoach: ${warning}\n`);
	const { router } = createCore({
		course,
		readinessNamespaces: config.KUBECOACH_READINESS_NAMESPACES,
		...(reader === undefined ? {} : { clusterReader: reader }),
	});
	const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY);
	await runConsoleChat({ router, input: io.stdin, output: io.stdout, interactive });
	return 0;
}

if (import.meta.main) {
	const { runMain } = await import("./run-main.ts");
	await runMain((io) => startCommand(process.argv.slice(2), io));
}
