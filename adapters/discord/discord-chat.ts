/**
 * The Discord chat adapter: the discord.js project's gateway client (@discordjs/ws) with the
 * Guilds intent only (interactions need none) and its REST client (@discordjs/rest), without
 * discord.js's Client and its caches: the bot reads everything it needs (a member's roles, the
 * channel) from the interaction's own payload, which saves about 9 MB of idle memory. It answers
 * interactions (interaction-handler.ts) and posts on the scheduler's behalf (ChatPort).
 * @discordjs/rest does the rate limiting: per-route buckets, the global limit, 429 retry_after,
 * retries of 5xx; it is configured here, not rewritten. @discordjs/ws identifies, heartbeats and
 * resumes.
 */
import { REST, RESTEvents } from "@discordjs/rest";
import { type SessionInfo, WebSocketManager, WebSocketShardEvents } from "@discordjs/ws";
import { GatewayDispatchEvents, GatewayIntentBits, Routes } from "discord-api-types/v10";
import { AdapterStartError, type ChatAdapter } from "../../src/chat/chat-adapter.ts";
import type { PostOptions } from "../../src/ports/chat.ts";
import type { Logger } from "../../src/ports/logger.ts";
import type { Metrics } from "../../src/ports/metrics.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { Reply } from "../../src/reply.ts";
import type { ChatRouter } from "../../src/router/command.ts";
import { apiFailure, channelGone, describe } from "./discord-errors.ts";
import { itemNonce, messageRef, nativeChannel, parseMessageRef } from "./discord-ids.ts";
import type { DiscordMessage } from "./discord-limits.ts";
import { InteractionHandler } from "./interaction-handler.ts";
import { LatestWins } from "./latest-wins.ts";
import { renderReply } from "./render-message.ts";
import { restMessage } from "./wire.ts";

export const DEFAULT_API_URL = "https://discord.com/api";

/** Close codes after which Discord will not take the session back (@discordjs/ws gives up on them too). */
const FATAL_CLOSE = new Set([4004, 4010, 4011, 4012, 4013, 4014]);

export interface DiscordChatOptions {
	readonly token: string;
	readonly applicationId: string;
	/** REST base without the version (DISCORD_API_URL); default Discord's. */
	readonly apiUrl?: string;
	readonly logger: Logger;
	/** Counts Discord's rate-limit waits (@discordjs/rest rateLimited events). */
	readonly metrics?: Metrics;
	/** Claims each interaction once across replicas. */
	readonly coordinator: RunCoordinator;
	/** After this long without the core's answer, the interaction is deferred (default 1.5 s). */
	readonly deferAfterMs?: number;
	/** REST retries of 5xx and network errors (default 3). */
	readonly retries?: number;
}

export class DiscordChat implements ChatAdapter {
	readonly platform = "discord" as const;
	readonly ended: Promise<void>;
	readonly #options: DiscordChatOptions;
	readonly #rest: REST;
	readonly #gateway: WebSocketManager;
	readonly #edits = new LatestWins<DiscordMessage>();
	readonly #inFlight = new Set<Promise<void>>();
	#ready = false;
	#stopping = false;
	#end: () => void = () => {};

	constructor(options: DiscordChatOptions) {
		this.#options = options;
		this.ended = new Promise((resolve) => {
			this.#end = resolve;
		});
		// Scheduled posts may go out before the gateway is up: REST only needs the token.
		this.#rest = new REST({
			api: options.apiUrl ?? DEFAULT_API_URL,
			retries: options.retries ?? 3,
			timeout: 15_000,
			// A wait longer than a minute (a global ban, a long bucket) fails the call instead:
			// the scheduler retries a post later, and an interaction's token would not outlive it anyway.
			rejectOnRateLimit: (limit) => limit.retryAfter > 60_000,
		}).setToken(options.token);
		// The session to resume after a drop is this adapter's own: @discordjs/ws's default store is
		// shared by every manager in the process, so that a second one would resume the first's session.
		const sessions = new Map<number, SessionInfo>();
		this.#gateway = new WebSocketManager({
			token: options.token,
			intents: GatewayIntentBits.Guilds,
			rest: this.#rest,
			retrieveSessionInfo: (shard) => sessions.get(shard) ?? null,
			updateSessionInfo: (shard, session) => {
				if (session === null) sessions.delete(shard);
				else sessions.set(shard, session);
			},
		});
	}

	async start(router: ChatRouter): Promise<void> {
		const { logger } = this.#options;
		const handler = new InteractionHandler({
			router,
			logger,
			coordinator: this.#options.coordinator,
			rest: this.#rest,
			applicationId: this.#options.applicationId,
			postToChannel: async (channelId, reply) => {
				await this.post(channelId, reply);
			},
			...(this.#options.deferAfterMs === undefined ? {} : { deferAfterMs: this.#options.deferAfterMs }),
		});
		const gateway = this.#gateway;
		let application: string | undefined;
		let user = "the bot";
		// Each shard's READY lists its own servers.
		const servers = new Map<number, number>();
		gateway.on(WebSocketShardEvents.Ready, ({ data, shardId }) => {
			application = data.application.id;
			servers.set(shardId, data.guilds.length);
			user = data.user.username;
		});
		gateway.on(WebSocketShardEvents.Dispatch, ({ data }) => {
			if (data.t === GatewayDispatchEvents.InteractionCreate) this.#track(handler.handle(data.d));
		});
		gateway.on(WebSocketShardEvents.Error, ({ error }) => {
			if (this.#ready) logger.warn(`Discord gateway connection error: ${describe(error)}`);
		});
		gateway.on(WebSocketShardEvents.Resumed, () => logger.info("Discord gateway session resumed"));
		gateway.on(WebSocketShardEvents.Closed, ({ code }) => {
			if (this.#stopping || !this.#ready) return;
			if (!FATAL_CLOSE.has(code)) {
				logger.info(`Discord gateway connection lost (close code ${code}); reconnecting`);
				return;
			}
			logger.error(
				`Discord closed the gateway for good (close code ${code}); stopping the Discord adapter. Check DISCORD_TOKEN and restart.`,
			);
			this.#end();
		});
		this.#rest.on(RESTEvents.RateLimited, (limit) => {
			this.#options.metrics?.rateLimitWait("discord", limit.retryAfter / 1000);
			logger.info(`Discord rate limit on ${limit.method} ${limit.route} (${limit.scope}): waiting ${limit.retryAfter} ms`);
		});
		try {
			await gateway.connect();
		} catch (error) {
			await gateway.destroy();
			throw startError(error, this.#options.apiUrl ?? DEFAULT_API_URL);
		}
		if (application !== this.#options.applicationId) {
			await gateway.destroy();
			throw new AdapterStartError(
				`DISCORD_APPLICATION_ID is ${this.#options.applicationId}, but DISCORD_TOKEN belongs to application ${application ?? "(unknown)"}: copy both from the same application in the Developer Portal.`,
			);
		}
		this.#ready = true;
		const serverCount = [...servers.values()].reduce((sum, count) => sum + count, 0);
		logger.info(`Discord: connected as ${user} in ${serverCount} server(s)`);
	}

	async post(channelId: string, reply: Reply, options?: PostOptions): Promise<string> {
		const channel = nativeChannel(channelId);
		const nonce = options?.itemKey === undefined ? undefined : itemNonce(options.itemKey);
		let first: string | undefined;
		for (const message of renderReply(reply)) {
			const { body, files } = restMessage(message, first === undefined ? (nonce === undefined ? {} : { nonce }) : { replyTo: first });
			try {
				const posted = (await this.#rest.post(Routes.channelMessages(channel), { body, files })) as { readonly id: string };
				first ??= posted.id;
			} catch (error) {
				if (first === undefined) throw channelGone(channelId, error) ?? error;
				// The post itself is out: failing now would make the scheduler post it again.
				this.#options.logger.warn(`The rest of a post to ${channelId} could not be posted: ${describe(error)}`);
				break;
			}
		}
		if (first === undefined) throw new Error(`Nothing was posted to ${channelId}`);
		return messageRef(channel, first);
	}

	/**
	 * Null: the post's nonce (enforce_nonce) makes Discord answer a second post of the item, within
	 * a few minutes of the first, with the first message; the taker's post is the search.
	 */
	async findPost(channelId: string, _itemKey: string, _since: Date): Promise<string | null> {
		nativeChannel(channelId);
		return null;
	}

	async update(channelId: string, ref: string, reply: Reply): Promise<void> {
		const channel = nativeChannel(channelId);
		const message = parseMessageRef(ref);
		const [rendered] = renderReply(reply, { single: true });
		if (rendered === undefined) return;
		await this.#edits.run(ref, rendered, async (latest) => {
			const { body, files } = restMessage(latest, { edit: true });
			try {
				await this.#rest.patch(Routes.channelMessage(channel, message), { body, files });
			} catch (error) {
				throw channelGone(channelId, error) ?? error;
			}
		});
	}

	async stop(): Promise<void> {
		if (this.#stopping) return this.ended;
		this.#stopping = true;
		await Promise.allSettled([...this.#inFlight]);
		await this.#gateway.destroy();
		this.#end();
	}

	#track(work: Promise<void>): void {
		this.#inFlight.add(work);
		void work.finally(() => this.#inFlight.delete(work));
	}
}

/** One line for a connection Discord refused, saying what to fix; never the token. */
function startError(error: unknown, apiUrl: string): AdapterStartError {
	const code = (error as { code?: unknown } | null)?.code;
	const message = error instanceof Error ? error.message : String(error);
	if (apiFailure(error)?.status === 401) {
		return new AdapterStartError(
			"Discord refused DISCORD_TOKEN (401 Unauthorized on /gateway/bot): reset the token in the Developer Portal (your application → Bot → Reset Token) and set DISCORD_TOKEN to the new one.",
			{ cause: error },
		);
	}
	if (message === "Authentication failed") {
		return new AdapterStartError(
			"Discord closed the gateway with 4004 (Authentication failed): DISCORD_TOKEN is not valid; reset it in the Developer Portal (your application → Bot → Reset Token).",
			{ cause: error },
		);
	}
	if (/intents/i.test(message)) {
		return new AdapterStartError(
			`Discord refused the gateway intents (${message}): kubecoach asks only for Guilds, which needs no approval.`,
			{ cause: error },
		);
	}
	// A network failure carries a system code (ECONNREFUSED, ENOTFOUND), on the error or its cause.
	const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
	const network = [code, cause].find((c): c is string => typeof c === "string" && /^E[A-Z]+$/.test(c));
	return new AdapterStartError(
		`Could not connect to Discord at ${apiUrl}: ${network ?? describe(error)}. Check DISCORD_API_URL and the network.`,
		{
			cause: error,
		},
	);
}
