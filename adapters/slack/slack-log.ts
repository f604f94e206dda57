/**
 * Bolt's and @slack/web-api's log lines into kubecoach's Logger: warnings and errors only, one
 * line each, with anything shaped like a Slack token or signing header masked, so that no log
 * line ever carries a secret even when a library quotes a request.
 */
import { LogLevel, type Logger as SlackLibraryLogger } from "@slack/logger";
import type { Logger } from "../../src/ports/logger.ts";

const SECRETS = /\b(xox[a-z]-|xapp-)[\w-]+|v0=[0-9a-f]{64}/gi;

/** `text` with Slack tokens and request signatures masked. */
export function redactSecrets(text: string): string {
	return text.replace(SECRETS, (_match, prefix: string | undefined) => `${prefix ?? "v0="}***`);
}

function line(parts: readonly unknown[]): string {
	const text = parts.map((part) => (part instanceof Error ? part.message : typeof part === "string" ? part : String(part))).join(" ");
	return redactSecrets(text).replace(/\s+/g, " ").slice(0, 500);
}

/** `quiet`: while it returns true, nothing is logged (start-up, whose failure is said in one line of its own). */
export function slackLibraryLogger(logger: Logger, name = "slack", quiet: () => boolean = () => false): SlackLibraryLogger {
	let level = LogLevel.WARN;
	return {
		debug() {},
		info() {},
		warn: (...parts: unknown[]) => {
			if (!quiet()) logger.warn(`${name}: ${line(parts)}`);
		},
		error: (...parts: unknown[]) => {
			if (!quiet()) logger.error(`${name}: ${line(parts)}`);
		},
		setLevel: (next: LogLevel) => {
			level = next;
		},
		getLevel: () => level,
		setName: () => {},
	};
}
