/**
 * The Slack chat adapter: the real Bolt app (HTTP mode on the bot's HTTP server at /slack/events,
 * or Socket Mode with an app-level token) hands commands, presses, @mentions and the App Home tab
 * to the router (listeners.ts), and the scheduler posts and updates through it (ChatPort). One
 * workspace: the bot token's, learned with auth.test when it opens; a request from any other is
 * refused (401) before a listener runs.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RetryOptions } from "@slack/web-api";
import { AdapterStartError, type ChatAdapter, type HttpRoutes } from "../../src/chat/chat-adapter.ts";
import { ConfigError } from "../../src/config.ts";
import { ChannelGoneError, type PostOptions } from "../../src/ports/chat.ts";
import { type Logger, silentLogger } from "../../src/ports/logger.ts";
import type { Metrics } from "../../src/ports/metrics.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { Reply } from "../../src/reply.ts";
import type { ChatRouter } from "../../src/router/command.ts";
import { AppHome } from "./app-home.ts";
import { App, AuthorizationError, type HTTPReceiver, SocketModeReceiver } from "./bolt.ts";
import { Delivery } from "./delivery.ts";
import { DeliveryClaims } from "./delivery-claims.ts";
import { SLACK_BODY_LIMIT, slackEventsEdge } from "./http-edge.ts";
import { RejectedRequestError, registerListeners } from "./listeners.ts";
import { httpReceiver, SLACK_EVENTS_PATH, socketModeReceiver } from "./receivers.ts";
import { renderMessage } from "./render-message.ts";
import { ResponseUrls } from "./response-urls.ts";
import { type Identity, SlackApi } from "./slack-api.ts";
import { SlackCallError } from "./slack-errors.ts";
import { messageRef, slackChannelOf, tsOf } from "./slack-ids.ts";
import { slackLibraryLogger } from "./slack-log.ts";
import { UserGroups } from "./user-groups.ts";

export interface SlackChatOptions {
	readonly token: string;
	/** An app-level token (xapp-): Socket Mode. Without it, HTTP mode. */
	readonly appToken?: string;
	/** HTTP mode's signing secret. */
	readonly signingSecret?: string;
	readonly apiUrl?: string;
	readonly logger: Logger;
	/** Claims that answer a redelivered event or press once, across replicas. */
	readonly coordinator: RunCoordinator;
	/** The bot's HTTP server (HTTP mode). */
	readonly http?: HttpRoutes;
	/** Bolt's processBeforeResponse: false in production (the acknowledgement goes out at ack()); tests also run true. */
	readonly processBeforeResponse?: boolean;
	/** A command not answered within this is acknowledged with "working on it" (default 2000 ms). */
	readonly ackDeadlineMs?: number;
	readonly retryConfig?: RetryOptions;
	/** Counts Slack's rate-limit waits. */
	readonly metrics?: Metrics;
	readonly timeoutMs?: number;
	readonly perChannelMs?: number;
	/** Read Slack user groups for authorization (when the configuration names one). */
	readonly userGroups?: boolean;
	readonly bodyLimit?: number;
}

export class SlackChat implements ChatAdapter {
	readonly platform = "slack" as const;
	readonly ended: Promise<void>;
	readonly identity: Identity;
	readonly mode: "http" | "socket";
	readonly #options: SlackChatOptions;
	readonly #api: SlackApi;
	readonly #app: App;
	readonly #receiver: HTTPReceiver | SocketModeReceiver;
	readonly #inFlight = new Set<Promise<unknown>>();
	/** Files attached on update, by message, so that repeating an update does not upload them again. */
	readonly #updateFiles = new Map<string, string>();
	#router: ChatRouter | undefined;
	#stopping = false;
	/** Socket Mode is connecting: a refusal is said by start() in one line, not also by the library. */
	#connecting = false;
	#end: () => void = () => {};

	private constructor(options: SlackChatOptions, api: SlackApi, identity: Identity) {
		this.#options = options;
		this.#api = api;
		this.identity = identity;
		this.mode = options.appToken === undefined ? "http" : "socket";
		this.ended = new Promise((resolve) => {
			this.#end = resolve;
		});
		const logger = slackLibraryLogger(options.logger, "slack", () => this.#connecting);
		this.#receiver =
			options.appToken !== undefined
				? socketModeReceiver({ appToken: options.appToken, logger, ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }) })
				: httpReceiver({
						signingSecret: options.signingSecret ?? "",
						processBeforeResponse: options.processBeforeResponse ?? false,
						logger,
						...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
					});
		this.#app = new App({
			receiver: this.#receiver,
			logger,
			// No listener reads Bolt's conversation context; its store costs a lookup on every request.
			convoStore: false,
			authorize: async (source) => {
				// One workspace: the token's. Anything else is refused before a listener runs (HTTP 401).
				if (source.teamId !== identity.teamId) throw new Error(`a request from another workspace (${String(source.teamId)})`);
				return { botToken: options.token, botId: identity.botId, botUserId: identity.botUserId, teamId: identity.teamId };
			},
			clientOptions: { ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }), retryConfig: { retries: 0 } },
		});
		this.#app.error(async (error) => {
			const original = (error as { original?: unknown }).original ?? error;
			if (!(error instanceof AuthorizationError) && !(original instanceof RejectedRequestError)) {
				options.logger.error(`Slack listener failed: ${error instanceof Error ? error.message : String(error)}`);
			}
			throw error;
		});
	}

	/** Checks the token with Slack (auth.test) and builds the adapter; a missing secret is a ConfigError, a refused token an AdapterStartError (each one line for the operator). */
	static async open(options: SlackChatOptions): Promise<SlackChat> {
		if (options.appToken === undefined && options.signingSecret === undefined) {
			throw new ConfigError("SLACK_SIGNING_SECRET is needed for Slack's HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
		}
		const api = new SlackApi({
			token: options.token,
			logger: options.logger,
			...(options.metrics === undefined ? {} : { metrics: options.metrics }),
			...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
			...(options.retryConfig === undefined ? {} : { retryConfig: options.retryConfig }),
			...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
			...(options.perChannelMs === undefined ? {} : { perChannelMs: options.perChannelMs }),
		});
		let identity: Identity;
		try {
			// Checked with few retries: a wrong token or address should stop start-up in seconds, not half a minute.
			const check = new SlackApi({
				token: options.token,
				// The refusal below is the one line that says it.
				logger: silentLogger,
				...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
				retryConfig: options.retryConfig ?? { retries: 2, minTimeout: 500, maxTimeout: 2000 },
			});
			identity = await check.identity();
		} catch (error) {
			const code = error instanceof SlackCallError ? error.slackError : "unexpected_error";
			throw new AdapterStartError(
				code === "invalid_auth" ||
					code === "not_authed" ||
					code === "account_inactive" ||
					code === "token_revoked" ||
					code === "not_a_bot_token"
					? `Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page`
					: `Could not reach Slack at ${options.apiUrl ?? "https://slack.com/api/"} to check SLACK_BOT_TOKEN (${code})`,
				{ cause: error },
			);
		}
		return new SlackChat(options, api, identity);
	}

	async post(channelId: string, reply: Reply, options?: PostOptions): Promise<string> {
		const channel = this.#channelOf(channelId);
		const message = renderMessage(reply);
		const ts = await this.#gone(channelId, () => this.#api.post(channel, message, undefined, options?.itemKey));
		// The message is posted: what goes under it cannot undo that, so its failures are logged, not thrown.
		try {
			for (const child of reply.thread ?? []) {
				const rendered = renderMessage(child);
				await this.#api.post(channel, rendered, ts);
				await this.#api.upload(rendered.files, { channel, threadTs: ts });
			}
			await this.#api.upload(message.files, { channel, threadTs: ts });
		} catch (error) {
			this.#options.logger.error(`The thread or files of a post in ${channelId} could not all be posted`, {
				channelId,
				code: error instanceof SlackCallError ? error.slackError : "unexpected_error",
			});
		}
		return messageRef(channelId, ts);
	}

	async findPost(channelId: string, itemKey: string, since: Date): Promise<string | null> {
		const channel = this.#channelOf(channelId);
		const oldest = (since.getTime() / 1000).toFixed(6);
		const ts = await this.#gone(channelId, () => this.#api.findItem(channel, itemKey, oldest));
		return ts === undefined ? null : messageRef(channelId, ts);
	}

	async update(channelId: string, ref: string, reply: Reply): Promise<void> {
		const channel = this.#channelOf(channelId);
		const ts = tsOf(ref);
		if (ts === undefined) throw new Error(`${ref} is not a reference to a Slack message`);
		const message = renderMessage(reply);
		await this.#gone(channelId, () => this.#api.update(channel, ts, message));
		if (message.files.length === 0) return;
		const fingerprint = message.files.map((file) => `${file.name}:${file.content.length}`).join("|");
		if (this.#updateFiles.get(ref) === fingerprint) return;
		if (this.#updateFiles.size > 1000) this.#updateFiles.clear();
		this.#updateFiles.set(ref, fingerprint);
		await this.#gone(channelId, () => this.#api.upload(message.files, { channel, threadTs: ts }));
	}

	async start(router: ChatRouter): Promise<void> {
		if (this.#router) throw new Error("The Slack adapter is already started");
		this.#router = router;
		registerListeners(this.#app, {
			router: () => router,
			botUserId: this.identity.botUserId,
			api: this.#api,
			delivery: new Delivery(this.#api, new ResponseUrls(), this.#options.logger),
			home: new AppHome(this.#api),
			claims: new DeliveryClaims(this.#options.coordinator, this.#options.logger),
			groups: new UserGroups(this.#api, this.#options.logger, { enabled: this.#options.userGroups ?? false }),
			logger: this.#options.logger,
			ackDeadlineMs: this.#options.ackDeadlineMs ?? 2000,
			track: (work) => this.#track(work),
		});
		if (this.#receiver instanceof SocketModeReceiver) {
			this.#connecting = true;
			try {
				await this.#app.start();
			} catch (error) {
				throw new AdapterStartError(
					`Slack refused the Socket Mode connection: check SLACK_APP_TOKEN (an xapp- token with connections:write) (${slackError(error)})`,
					{ cause: error },
				);
			} finally {
				this.#connecting = false;
			}
			return;
		}
		const http = this.#options.http;
		if (!http) throw new ConfigError("Slack's HTTP mode needs the bot's HTTP server");
		const receiver = this.#receiver;
		http.route(
			SLACK_EVENTS_PATH,
			slackEventsEdge({
				receiver: (request: IncomingMessage, response: ServerResponse) => receiver.requestListener(request, response),
				logger: this.#options.logger,
				bodyLimit: this.#options.bodyLimit ?? SLACK_BODY_LIMIT,
				stopping: () => this.#stopping,
			}),
		);
	}

	async stop(): Promise<void> {
		if (!this.#stopping) {
			this.#stopping = true;
			if (this.#router && this.#receiver instanceof SocketModeReceiver) await this.#app.stop().catch(() => {});
		}
		while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
		this.#end();
	}

	#track(work: Promise<unknown>): void {
		const running = work.catch((error: unknown) => {
			this.#options.logger.error(`Slack delivery failed: ${error instanceof Error ? error.message : String(error)}`);
		});
		this.#inFlight.add(running);
		void running.finally(() => this.#inFlight.delete(running));
	}

	#channelOf(channelId: string): string {
		const channel = slackChannelOf(channelId, this.identity.teamId);
		if (channel === undefined) throw new ChannelGoneError(channelId, `not a channel of this bot's Slack workspace ${this.identity.teamId}`);
		return channel;
	}

	async #gone<T>(channelId: string, call: () => Promise<T>): Promise<T> {
		try {
			return await call();
		} catch (error) {
			if (error instanceof SlackCallError && error.channelGone) throw new ChannelGoneError(channelId, error.slackError, { cause: error });
			throw error;
		}
	}
}

function slackError(error: unknown): string {
	const data = (error as { data?: { error?: unknown } } | null)?.data;
	return typeof data?.error === "string" ? data.error : error instanceof Error ? error.message.slice(0, 120) : "unexpected_error";
}
