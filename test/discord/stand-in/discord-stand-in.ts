/**
 * A local stand-in for Discord on 127.0.0.1: the REST API (under /api/v10, what @discordjs/rest's
 * `api` points at) and the gateway (WebSocket) that /gateway/bot names. The real @discordjs/ws
 * gateway client logs in to it and answers interactions through it; tests dispatch interactions, read
 * what a person would see, and turn knobs: 429s, failures, deleted channels, lost permissions,
 * dropped connections, the deadlines. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StandInGateway } from "./gateway.ts";
import type { StoredMessage, Upload } from "./message-rules.ts";
import { buttonInteraction, type CommandOption, commandInteraction, type GuildSeed, type UserSeed, type Where } from "./payloads.ts";
import { type Answer, type Request, type RouteConfig, route } from "./rest-routes.ts";
import { type InteractionState, type RestCall, StandInState } from "./state.ts";

export const APP_ID = "110000000000000001";
export const BOT_USER = { id: "110000000000000002", username: "kubecoach" };
export const TOKEN = "stand-in-bot-token";

export const GUILD: GuildSeed = {
	id: "120000000000000001",
	name: "Platform team",
	channels: [
		{ id: "130000000000000001", name: "k8s-study" },
		{ id: "130000000000000002", name: "on-call" },
		{ id: "130000000000000003", name: "archive" },
	],
	roles: [
		{ id: "140000000000000001", name: "Course admins" },
		{ id: "140000000000000002", name: "Learners" },
	],
};

export interface StandInOptions {
	readonly heartbeatIntervalMs?: number;
	/** Discord's 3 s for the initial response. */
	readonly initialResponseDeadlineMs?: number;
	/** Discord's 15 minutes for edits and follow-ups with an interaction's token. */
	readonly tokenLifetimeMs?: number;
	readonly guilds?: readonly GuildSeed[];
}

export class DiscordStandIn {
	readonly state = new StandInState();
	readonly gateway: StandInGateway;
	/** Added to the clock that ages interactions, to jump past a deadline without waiting. */
	clockOffsetMs = 0;
	/** Called with each interaction when its initial response arrives. */
	onCallback: ((interaction: InteractionState) => void) | undefined;
	readonly #http: Server;

	private constructor(http: Server, gateway: StandInGateway) {
		this.#http = http;
		this.gateway = gateway;
	}

	static async start(options: StandInOptions = {}): Promise<DiscordStandIn> {
		const guilds = options.guilds ?? [GUILD];
		const gateway = await StandInGateway.start({
			token: TOKEN,
			applicationId: APP_ID,
			botUser: BOT_USER,
			guilds,
			heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
		});
		let standIn: DiscordStandIn | undefined;
		const config: RouteConfig = {
			token: TOKEN,
			applicationId: APP_ID,
			botUser: BOT_USER,
			gatewayUrl: () => gateway.url,
			initialResponseDeadlineMs: options.initialResponseDeadlineMs ?? 3000,
			tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
			now: () => Date.now() + (standIn?.clockOffsetMs ?? 0),
			onCallback: (interaction) => standIn?.onCallback?.(interaction),
		};
		const http = createServer((req, res) => {
			void (standIn as DiscordStandIn).#serve(req, config).then((answer) => {
				const json = answer.body === undefined ? undefined : JSON.stringify(answer.body);
				res.writeHead(answer.status, { ...(json === undefined ? {} : { "content-type": "application/json" }), ...answer.headers });
				res.end(json);
			});
		});
		await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
		standIn = new DiscordStandIn(http, gateway);
		for (const guild of guilds) for (const channel of guild.channels) standIn.state.channel(channel.id, guild.id);
		return standIn;
	}

	/** What @discordjs/rest's `api` (and DISCORD_API_URL) points at. */
	get api(): string {
		return `http://127.0.0.1:${(this.#http.address() as AddressInfo).port}/api`;
	}

	get calls(): readonly RestCall[] {
		return this.state.calls;
	}

	/** Messages a channel shows now, oldest first. */
	messages(channelId: string): readonly StoredMessage[] {
		return this.state.channel(channelId).messages;
	}

	deleteChannel(channelId: string): void {
		this.state.channel(channelId).deleted = true;
	}

	forbid(channelId: string, code: 50001 | 50013): void {
		this.state.channel(channelId).forbidden = code;
	}

	/** The next `count` requests matching answer 429 with `retryAfterS` (per route, or global). */
	rateLimitNext(method: string, path: RegExp, options: { count?: number; retryAfterS: number; global?: boolean }): void {
		const { retryAfterS, global = false } = options;
		this.state.injected.push({
			matches: (m, p) => m === method && path.test(p),
			remaining: options.count ?? 1,
			respond: {
				status: 429,
				body: { message: "You are being rate limited.", retry_after: retryAfterS, global, code: 0 },
				headers: {
					"retry-after": String(Math.ceil(retryAfterS)),
					"x-ratelimit-limit": "5",
					"x-ratelimit-remaining": "0",
					"x-ratelimit-reset-after": String(retryAfterS),
					"x-ratelimit-bucket": "stand-in-bucket",
					"x-ratelimit-scope": global ? "global" : "user",
					...(global ? { "x-ratelimit-global": "true" } : {}),
				},
			},
		});
	}

	/** The next `count` requests matching answer `status` (a 502 for a moment of trouble). */
	failNext(method: string, path: RegExp, count: number, status = 502): void {
		this.state.injected.push({
			matches: (m, p) => m === method && path.test(p),
			remaining: count,
			respond: { status, body: { message: "Bad Gateway", code: 0 } },
		});
	}

	/** Dispatches an interaction to every connected session and records when, for its deadlines. */
	interact(payload: { readonly id: string; readonly token: string; readonly type: number; readonly channel_id: string }): InteractionState {
		const interaction: InteractionState = {
			id: payload.id,
			token: payload.token,
			type: payload.type,
			channelId: payload.channel_id,
			dispatchedAt: Date.now() + this.clockOffsetMs,
			refused: [],
			originalDeleted: false,
			followUps: [],
			deletedFollowUps: [],
		};
		this.state.interactions.set(payload.id, interaction);
		this.gateway.dispatch("INTERACTION_CREATE", payload);
		return interaction;
	}

	/** `/name options...` by `user` in a guild channel (or a DM when `where.guild` is absent). */
	command(where: Where, name: string, options: readonly CommandOption[] = []): InteractionState {
		return this.interact(commandInteraction(APP_ID, where, name, options));
	}

	autocomplete(where: Where, name: string, options: readonly CommandOption[]): InteractionState {
		return this.interact(commandInteraction(APP_ID, where, name, options, true));
	}

	/** A press on the button `customId` of a message the channel shows. */
	press(where: Where, message: StoredMessage, customId: string): InteractionState {
		return this.interact(
			buttonInteraction(APP_ID, where, customId, {
				...message,
				author: { id: BOT_USER.id, username: BOT_USER.username, discriminator: "0", avatar: null, bot: true },
				type: 0,
				tts: false,
				mention_everyone: false,
				mentions: [],
				mention_roles: [],
				pinned: false,
				edited_timestamp: null,
			}),
		);
	}

	/** Resolves once `check` holds (polled every 10 ms); rejects after `timeoutMs`, naming `what` it waited for. */
	async until(check: () => boolean, timeoutMs = 5000, what = "the stand-in to see it"): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!check()) {
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	async close(): Promise<void> {
		await this.gateway.close();
		this.#http.closeAllConnections();
		await new Promise((resolve) => this.#http.close(resolve));
	}

	async #serve(req: IncomingMessage, config: RouteConfig): Promise<Answer> {
		const url = new URL(req.url ?? "/", "http://stand-in");
		// @discordjs/rest sends @original as %40original.
		const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
		const { body, uploads } = await readBody(req);
		const call: RestCall = {
			at: Date.now(),
			method: req.method ?? "GET",
			path,
			query: url.searchParams,
			headers: req.headers,
			body,
			status: 0,
		};
		this.state.calls.push(call);
		const injected = this.state.injected.find((i) => i.remaining > 0 && i.matches(call.method, path));
		let answer: Answer;
		if (injected) {
			injected.remaining -= 1;
			answer = injected.respond;
		} else {
			const authorization = typeof req.headers.authorization === "string" ? req.headers.authorization : undefined;
			const request: Request = {
				method: call.method,
				path,
				query: url.searchParams,
				authorization,
				body: (body ?? {}) as Request["body"],
				uploads,
			};
			answer = route(this.state, config, request);
		}
		call.status = answer.status;
		return answer;
	}
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; uploads: Upload[] }> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks);
	const type = req.headers["content-type"] ?? "";
	if (raw.length === 0) return { body: undefined, uploads: [] };
	if (type.startsWith("application/json")) return { body: JSON.parse(raw.toString("utf8")), uploads: [] };
	if (type.startsWith("multipart/form-data")) {
		const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
		let body: unknown;
		const uploads: Upload[] = [];
		for (const [key, value] of form) {
			if (key === "payload_json" && typeof value === "string") body = JSON.parse(value);
			else if (typeof value !== "string")
				uploads.push({ name: value.name, type: value.type, data: new Uint8Array(await value.arrayBuffer()) });
		}
		return { body, uploads };
	}
	return { body: raw.toString("utf8"), uploads: [] };
}

export type { InteractionState, RestCall, StoredMessage, UserSeed, Where };
