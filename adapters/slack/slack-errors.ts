/**
 * Web API failures as kubecoach reads them: a stable error code per failure (Slack's own, such as
 * channel_not_found, or ratelimited, http_503, request_failed), which of them mean the channel is
 * gone (the core then pauses that channel's course once), and a log line with the method and the
 * code, never a token.
 */
import { ErrorCode } from "@slack/web-api";
import type { Logger } from "../../src/ports/logger.ts";
import { redactSecrets } from "./slack-log.ts";

/** Slack errors that mean the bot cannot post there any more: retrying will not help. */
export const CHANNEL_GONE_ERRORS: ReadonlySet<string> = new Set([
	"channel_not_found",
	"not_in_channel",
	"is_archived",
	"channel_is_archived",
	"restricted_action",
	"restricted_action_read_only_channel",
	"restricted_action_thread_only_channel",
	"restricted_action_non_threadable_channel",
	"team_access_not_granted",
	"ekm_access_denied",
]);

/** A Web API call failed; `slackError` is the stable code. */
export class SlackCallError extends Error {
	readonly code = "slack-call-failed";
	readonly method: string;
	readonly slackError: string;

	constructor(method: string, slackError: string, options?: { readonly cause?: unknown }) {
		super(`Slack ${method} failed: ${slackError}`, options);
		this.name = "SlackCallError";
		this.method = method;
		this.slackError = slackError;
	}

	get channelGone(): boolean {
		return CHANNEL_GONE_ERRORS.has(this.slackError);
	}
}

/** The stable code of a failure of @slack/web-api (or of a response_url post). */
export function slackErrorCode(error: unknown): string {
	if (error instanceof SlackCallError) return error.slackError;
	const coded = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown } | null;
	switch (coded?.code) {
		case ErrorCode.PlatformError:
			return typeof coded.data?.error === "string" ? coded.data.error : "platform_error";
		case ErrorCode.RateLimitedError:
			return "ratelimited";
		case ErrorCode.HTTPError:
			return `http_${String(coded.statusCode)}`;
		case ErrorCode.RequestError:
			return "request_failed";
		default:
			return "unexpected_error";
	}
}

/** Runs one Web API call; a failure is logged with its method and code and rethrown as SlackCallError. */
export async function slackCall<T>(
	logger: Logger,
	method: string,
	call: () => Promise<T>,
	fields: Readonly<Record<string, unknown>> = {},
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const slackError = slackErrorCode(error);
		const detail =
			slackError === "unexpected_error" || slackError === "request_failed"
				? ` (${redactSecrets(error instanceof Error ? error.message : String(error)).slice(0, 200)})`
				: "";
		logger.warn(`Slack ${method} failed: ${slackError}${detail}`, { method, code: slackError, ...fields });
		throw new SlackCallError(method, slackError, { cause: error });
	}
}
