/**
 * Bolt's two receivers as kubecoach sets them up. HTTP mode: the signing secret, /slack/events,
 * a body limit, and a refusal answered with its status (401 for another workspace, 400 for what
 * kubecoach does not offer) before any listener runs. Socket Mode: the app-level token, the Web API
 * base for apps.connections.open, and every envelope acknowledged, a refused one too, so that
 * Slack does not redeliver it.
 */
import type { Logger } from "@slack/logger";
import { AuthorizationError, HTTPReceiver, SocketModeReceiver } from "./bolt.ts";
import { SLACK_BODY_LIMIT } from "./http-edge.ts";
import { RejectedRequestError } from "./listeners.ts";

/** Where Slack's HTTP mode sends commands, interactivity and events (every Request URL of the manifest). */
export const SLACK_EVENTS_PATH = "/slack/events";

export function httpReceiver(options: {
	readonly signingSecret: string;
	readonly processBeforeResponse: boolean;
	readonly bodyLimit?: number;
	readonly logger: Logger;
}): HTTPReceiver {
	return new HTTPReceiver({
		signingSecret: options.signingSecret,
		endpoints: SLACK_EVENTS_PATH,
		processBeforeResponse: options.processBeforeResponse,
		logger: options.logger,
		bodyLimit: options.bodyLimit ?? SLACK_BODY_LIMIT,
		processEventErrorHandler: async ({ error, response }) => {
			if (response.headersSent) return false;
			const original = (error as { original?: unknown }).original ?? error;
			const status = error instanceof AuthorizationError ? 401 : original instanceof RejectedRequestError ? 400 : 500;
			response.writeHead(status).end();
			return true;
		},
	});
}

export function socketModeReceiver(options: {
	readonly appToken: string;
	readonly apiUrl?: string;
	readonly logger: Logger;
}): SocketModeReceiver {
	return new SocketModeReceiver({
		appToken: options.appToken,
		logger: options.logger,
		installerOptions: {
			clientOptions: {
				...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
				retryConfig: { retries: 2, minTimeout: 500, maxTimeout: 2000 },
			},
		},
		processEventErrorHandler: async () => true,
	});
}
