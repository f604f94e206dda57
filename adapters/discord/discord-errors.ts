/**
 * What Discord's errors mean to the bot. Errors are read by their shape (an HTTP status and
 * Discord's JSON code), not by class: @discordjs/rest ships a CommonJS and an ESM build, and an
 * error from one is not an instance of the other's class (the dual-package hazard). Lines written from them never carry a URL,
 * which may hold an interaction's token.
 */
import { ChannelGoneError } from "../../src/ports/chat.ts";

export interface DiscordApiFailure {
	readonly status: number;
	/** Discord's JSON error code (10003 Unknown Channel ...); 0 when the body had none. */
	readonly code: number;
	readonly message: string;
}

/** The status and code of a Discord API error (DiscordAPIError, or HTTPError for a 5xx), else undefined. */
export function apiFailure(error: unknown): DiscordApiFailure | undefined {
	if (typeof error !== "object" || error === null) return undefined;
	const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
	if (typeof status !== "number") return undefined;
	return { status, code: typeof code === "number" ? code : 0, message: typeof message === "string" ? message : "" };
}

/** Codes that mean the channel will not take posts again until someone acts. */
const GONE: Readonly<Record<number, string>> = {
	10003: "the channel was deleted (Unknown Channel)",
	50001: "the bot cannot see the channel any more (Missing Access)",
	50013: "the bot may no longer post there (Missing Permissions)",
	// A thread that was archived (or locked) takes no posts from a bot that cannot unarchive it.
	50083: "the thread is archived",
};

/** A ChannelGoneError when `error` says the channel is gone, else undefined. */
export function channelGone(channelId: string, error: unknown): ChannelGoneError | undefined {
	const failure = apiFailure(error);
	const reason = failure === undefined ? undefined : GONE[failure.code];
	return reason === undefined ? undefined : new ChannelGoneError(channelId, `${reason}, Discord code ${failure?.code}`, { cause: error });
}

/** Codes after which an interaction's token no longer answers: too late, already answered, expired. */
export const TOKEN_SPENT = new Set([10062, 10015, 40060, 50027]);

/** One line about an error for the log: status, code and message, never a URL or a token. */
export function describe(error: unknown): string {
	const failure = apiFailure(error);
	if (failure) return `Discord ${failure.status}${failure.code ? ` code ${failure.code}` : ""}: ${failure.message.split("\n")[0]}`;
	if (error instanceof Error) return `${error.name}: ${error.message.split("\n")[0]}`;
	return String(error);
}
