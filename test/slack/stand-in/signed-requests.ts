/**
 * Requests into Bolt's HTTP receiver exactly as Slack sends them: the raw body signed with the
 * signing secret (v0 HMAC-SHA256 over "v0:timestamp:body"), the bare content types Slack uses.
 */
import { createHmac } from "node:crypto";

export interface SendOptions {
	readonly secret: string;
	/** Seconds since the epoch; default now. */
	readonly timestamp?: number;
	readonly headers?: Readonly<Record<string, string>>;
	readonly contentType?: string;
	/** Sign with this instead (a forged signature). */
	readonly signature?: string;
}

export interface SlackResponse {
	readonly status: number;
	readonly text: string;
	readonly json: unknown;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
	return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export async function signedPost(url: string, body: string, contentType: string, options: SendOptions): Promise<SlackResponse> {
	const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
	const response = await fetch(url, {
		method: "POST",
		headers: {
			"content-type": options.contentType ?? contentType,
			"x-slack-request-timestamp": String(timestamp),
			"x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, body),
			...options.headers,
		},
		body,
	});
	const text = await response.text();
	const json = text !== "" && (response.headers.get("content-type") ?? "").includes("json") ? (JSON.parse(text) as unknown) : undefined;
	return { status: response.status, text, json };
}

/** A slash command: form fields. */
export const slashCommandBody = (fields: Readonly<Record<string, string>>): string => new URLSearchParams(fields).toString();

/** Interactivity (block_actions): one form field, `payload`, holding JSON. */
export const interactionBody = (payload: unknown): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";
