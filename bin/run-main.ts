import { StoreOpenError } from "../adapters/sqlite/sqlite-errors.ts";
import { AdapterStartError } from "../src/chat/chat-adapter.ts";
import { ConfigError } from "../src/config-error.ts";
import { CourseContentError } from "../src/course/course-content-error.ts";
import { StoreLockedError } from "../src/ports/store.ts";
import type { CommandIo } from "./command-io.ts";

/** Runs a command against the real process and turns known failures into a message and exit code 2. */
export async function runMain(command: (io: CommandIo) => Promise<number>): Promise<void> {
	const io: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
	try {
		process.exitCode = await command(io);
	} catch (error) {
		if (error instanceof ConfigError && error.problems.length > 1) {
			// One line per problem, each one naming the setting (and the file's line) and what is expected.
			for (const problem of error.problems) process.stderr.write(`kubecoach: ${problem}\n`);
			process.exitCode = 2;
			return;
		}
		if (
			error instanceof CourseContentError ||
			error instanceof ConfigError ||
			error instanceof StoreOpenError ||
			error instanceof StoreLockedError ||
			error instanceof AdapterStartError
		) {
			process.stderr.write(`kubecoach: ${error.message}\n`);
			process.exitCode = 2;
			return;
		}
		throw error;
	}
}
