/**
 * The Discord chat adapter: discord.js over the gateway with the Guilds intent only (interactions
 * need none; Guilds keeps the guild, its channels and roles cached, which a member's roles are
 * read from), answering interactions (interaction-handler.ts) and posting on the scheduler's
 * behalf through the client's REST (ChatPort). @discordjs/rest does the rate limiting: per-route
 * buckets, the global limit, 429 retry_after, retries of 5xx; it is configured here, not rewritten.
 */
import { Client, Events, GatewayIntentBits, Options, RESTEvents, Routes } from "discord.js";
import { AdapterStartError, type ChatAdapter } from "../../src/chat/chat-adapter.ts";
import type { PostOptions } from "../../src/ports/chat.ts";
import type { Logger } from "../../src/ports/logger.ts";
import type { Metrics } from "../../src/ports/metrics.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { Reply } from "../../src/reply.ts";
import type { ChatRouter } from "../../src/router/command.ts";
import { channelGone, describe } from "./discord-errors.ts";
import { itemNonce, messageRef, nativeChannel, parseMessageRef } from "./discord-ids.ts";
import type { DiscordMessage } from "./discord-limits.ts";
import { InteractionHandler } from "./interaction-handler.ts";
import { LatestWins } from "./latest-wins.ts";
import { renderReply } from "./render-message.ts";
import { restMessage } from "./wire.ts";

export const DEFAULT_API_URL = "https://discord.com/api";

export interface DiscordChatOptions {
	readonly token: string;
	readonly applicationId: string;
	/** REST base without the version (DISCORD_API_URL); default Discord's. */
	readonly apiUrl?: string;
	readonly logger: Logger;
	/** Counts Discord's rate-limit waits (discord.js rateLimited events). */
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
	readonly #client: Client;
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
		this.#client = new Client({
			intents: [GatewayIntentBits.Guilds],
			rest: {
				api: options.apiUrl ?? DEFAULT_API_URL,
				retries: options.retries ?? 3,
				timeout: 15_000,
				// A wait longer than a minute (a global ban, a long bucket) fails the call instead:
				// the scheduler retries a post later, and an interaction's token would not outlive it anyway.
				rejectOnRateLimit: (limit) => limit.retryAfter > 60_000,
			},
			allowedMentions: { parse: [] },
			// Guilds, channels and roles are cached (the Guilds intent); messages are never read back,
			// and the members who used a command are kept only as many as a busy server needs at once.
			makeCache: Options.cacheWithLimits({
				...Options.DefaultMakeCacheSettings,
				MessageManager: 0,
				GuildMemberManager: { maxSize: 1000, keepOverLimit: (member) => member.id === member.client.user.id },
				UserManager: { maxSize: 1000, keepOverLimit: (user) => user.id === user.client.user.id },
			}),
		});
		// Scheduled posts may go out before the gateway is up: REST only needs the token.
		this.#client.rest.setToken(options.token);
	}

	async start(router: ChatRouter): Promise<void> {
		const { logger } = this.#options;
		const handler = new InteractionHandler({
			router,
			logger,
			coordinator: this.#options.coordinator,
			postToChannel: async (channelId, reply) => {
				await this.post(channelId, reply);
			},
			...(this.#options.deferAfterMs === undefined ? {} : { deferAfterMs: this.#options.deferAfterMs }),
		});
		const client = this.#client;
		client.on(Events.InteractionCreate, (interaction) => this.#track(handler.handle(interaction)));
		client.on(Events.Error, (error) => logger.error(`Discord client error: ${describe(error)}`));
		client.on(Events.ShardError, (error) => logger.warn(`Discord gateway connection error: ${describe(error)}`));
		client.on(Events.ShardReconnecting, () => logger.info("Discord gateway connection lost; reconnecting"));
		client.on(Events.ShardResume, (_shard, replayed) => logger.info(`Discord gateway session resumed (${replayed} events replayed)`));
		client.on(Events.ShardDisconnect, (event) => {
			if (this.#stopping || !this.#ready) return;
			logger.error(
				`Discord closed the gateway for good (close code ${event.code}); stopping the Discord adapter. Check DISCORD_TOKEN and restart.`,
			);
			this.#end();
		});
		client.rest.on(RESTEvents.RateLimited, (limit) => {
			this.#options.metrics?.rateLimitWait("discord", limit.retryAfter / 1000);
			logger.info(`Discord rate limit on ${limit.method} ${limit.route} (${limit.scope}): waiting ${limit.retryAfter} ms`);
		});
		const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
		try {
			await client.login(this.#options.token);
		} catch (error) {
			await client.destroy();
			throw startError(error, this.#options.apiUrl ?? DEFAULT_API_URL);
		}
		await ready;
		const application = client.application?.id;
		if (application !== this.#options.applicationId) {
			await client.destroy();
			throw new AdapterStartError(
				`DISCORD_APPLICATION_ID is ${this.#options.applicationId}, but DISCORD_TOKEN belongs to application ${application ?? "(unknown)"}: copy both from the same application in the Developer Portal.`,
			);
		}
		this.#ready = true;
		logger.info(`Discord: connected as ${client.user?.tag ?? "the bot"} in ${client.guilds.cache.size} server(s)`);
	}

	async post(channelId: string, reply: Reply, options?: PostOptions): Promise<string> {
		const channel = nativeChannel(channelId);
		const nonce = options?.itemKey === undefined ? undefined : itemNonce(options.itemKey);
		let first: string | undefined;
		for (const message of renderReply(reply)) {
			const { body, files } = restMessage(message, first === undefined ? (nonce === undefined ? {} : { nonce }) : { replyTo: first });
			try {
				const posted = (await this.#client.rest.post(Routes.channelMessages(channel), { body, files })) as { readonly id: string };
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
				await this.#client.rest.patch(Routes.channelMessage(channel, message), { body, files });
			} catch (error) {
				throw channelGone(channelId, error) ?? error;
			}
		});
	}

	async stop(): Promise<void> {
		if (this.#stopping) return this.ended;
		this.#stopping = true;
		await Promise.allSettled([...this.#inFlight]);
		await this.#client.destroy();
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
	if (code === "TokenInvalid") {
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
