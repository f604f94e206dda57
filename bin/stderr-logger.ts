import type { Logger } from "../src/ports/logger.ts";

/** Warnings and errors as one line each on standard error; info only when asked (`verbose`). */
export function stderrLogger(stderr: { write(text: string): unknown }, verbose: boolean): Logger {
	const line = (level: string, message: string) => stderr.write(`kubecoach: ${level}: ${message}\n`);
	return {
		info: (message) => {
			if (verbose) line("info", message);
		},
		warn: (message) => line("warn", message),
		error: (message) => line("error", message),
	};
}
