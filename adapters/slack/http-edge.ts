/**
 * The front of Slack's HTTP mode, on the bot's HTTP server at /slack/events, before Bolt's
 * HTTPReceiver (which checks the signature and the timestamp's age): only POSTs, a timestamp no
 * more than 5 minutes in the future either (Bolt checks only the past), a body read in full up to
 * a limit (413 beyond it, 400 when it ends short of its Content-Length), then handed to Bolt as an
 * already-buffered request. Nothing here throws out of the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../src/ports/logger.ts";

/** Slack's own bodies are a few kilobytes; a block_actions payload carries the message's blocks. 1 MiB is plenty. */
export const SLACK_BODY_LIMIT = 1024 * 1024;
const SKEW_SECONDS = 5 * 60;

export interface EdgeOptions {
	/** Bolt's HTTPReceiver.requestListener. */
	readonly receiver: (request: IncomingMessage, response: ServerResponse) => void;
	readonly logger: Logger;
	readonly bodyLimit?: number;
	readonly now?: () => number;
	/** True once the adapter stops: new requests get 503 (Slack retries events). */
	readonly stopping: () => boolean;
}

function refuse(response: ServerResponse, status: number): void {
	if (!response.headersSent) response.writeHead(status, { connection: "close" }).end();
}

export function slackEventsEdge(options: EdgeOptions): (request: IncomingMessage, response: ServerResponse) => void {
	const limit = options.bodyLimit ?? SLACK_BODY_LIMIT;
	const now = options.now ?? Date.now;
	return (request, response) => {
		if (request.method !== "POST") {
			request.resume();
			response.writeHead(405, { allow: "POST" }).end();
			return;
		}
		if (options.stopping()) {
			request.resume();
			return refuse(response, 503);
		}
		const timestamp = Number(request.headers["x-slack-request-timestamp"]);
		if (Number.isFinite(timestamp) && timestamp > now() / 1000 + SKEW_SECONDS) {
			options.logger.warn("Refused a Slack request stamped more than 5 minutes in the future", { code: "slack-timestamp-future" });
			request.resume();
			return refuse(response, 401);
		}
		const declared = request.headers["content-length"] === undefined ? undefined : Number(request.headers["content-length"]);
		if (declared !== undefined && declared > limit) {
			options.logger.warn(`Refused a Slack request of ${declared} bytes (limit ${limit})`, { code: "slack-body-too-large" });
			request.resume();
			return refuse(response, 413);
		}
		void readBody(request, limit).then(
			(body) => {
				if (body === "too-large") return refuse(response, 413);
				if (body === "truncated" || (declared !== undefined && body.length !== declared)) {
					options.logger.warn("Refused a Slack request whose body ended short", { code: "slack-body-truncated" });
					return refuse(response, 400);
				}
				// Bolt reads a request that already carries its raw body as it is (BufferedIncomingMessage).
				Object.assign(request, { rawBody: body });
				try {
					options.receiver(request, response);
				} catch (error) {
					options.logger.error(`Slack request failed: ${error instanceof Error ? error.message : String(error)}`);
					refuse(response, 500);
				}
			},
			() => refuse(response, 400),
		);
	};
}

/** The whole body, or what went wrong; keeps reading past the limit (without keeping it) so the 413 can be answered. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | "too-large" | "truncated"> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on("data", (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		request.on("end", () => resolve(size > limit ? "too-large" : Buffer.concat(chunks)));
		request.on("error", () => resolve("truncated"));
		request.on("close", () => {
			if (!request.complete) resolve("truncated");
		});
	});
}
