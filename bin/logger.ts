/**
 * The bot's log: pino, one JSON object a line on standard error (time, level, msg and the
 * event's fields) when stderr is not a terminal; on a terminal, one readable line per event
 * ("kubecoach: warn: ..."), without extra dependencies. Info lines only when asked (verbose).
 * Tokens and signing secrets never reach the log: the configured secret values, anything shaped
 * like a Slack token, and fields named like secrets are written as [redacted].
 */
import pino from "pino";
import type { Logger } from "../src/ports/logger.ts";

export const REDACTED = "[redacted]";

/** Slack's token shapes (bot, user, app-level, refresh) and Bearer headers. */
const TOKEN_SHAPES = /\b(?:xox[abposr]|xapp)-[A-Za-z0-9-]+|\bBearer\s+[A-Za-z0-9._~+/=-]+/g;
/** Field names whose values are secrets whatever they hold. */
const SECRET_FIELDS = ["token", "appToken", "botToken", "signingSecret", "secret", "password", "authorization"];

export interface LoggerOptions {
	readonly stream: { write(text: string): unknown; readonly isTTY?: boolean };
	readonly verbose: boolean;
	/** Values to hide wherever they appear (the configured tokens, secrets, a Redis URL's password). */
	readonly secrets: readonly (string | undefined)[];
}

export function createLogger(options: LoggerOptions): Logger {
	const secrets = options.secrets.filter((value): value is string => value !== undefined && value.length >= 6);
	const scrub = (text: string): string => {
		let out = text.replace(TOKEN_SHAPES, REDACTED);
		for (const secret of secrets) out = out.replaceAll(secret, REDACTED);
		return out;
	};
	const scrubFields = (fields: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> => {
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(fields ?? {})) {
			out[key] = SECRET_FIELDS.includes(key) ? REDACTED : typeof value === "string" ? scrub(value) : value;
		}
		return out;
	};
	const level = options.verbose ? "info" : "warn";
	if (options.stream.isTTY) {
		const rank = { info: 0, warn: 1, error: 2 } as const;
		const line = (name: keyof typeof rank) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
			if (rank[name] < rank[level]) return;
			const extra = Object.entries(scrubFields(fields)).map(([key, value]) => ` ${key}=${JSON.stringify(value)}`);
			options.stream.write(`kubecoach: ${name}: ${scrub(message)}${extra.join("")}\n`);
		};
		return { info: line("info"), warn: line("warn"), error: line("error") };
	}
	const log = pino(
		{
			level,
			base: { name: "kubecoach", pid: process.pid },
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: SECRET_FIELDS, censor: REDACTED },
		},
		{ write: (text: string) => options.stream.write(text) },
	);
	return {
		info: (message, fields) => log.info(scrubFields(fields), scrub(message)),
		warn: (message, fields) => log.warn(scrubFields(fields), scrub(message)),
		error: (message, fields) => log.error(scrubFields(fields), scrub(message)),
	};
}
