/**
 * A stand-in for Slack's Web API on 127.0.0.1, for the real @slack/web-api client (pointed at it
 * through slackApiUrl) and Bolt. It keeps channels with their messages, threads and files, and
 * enforces what bites in production: one chat.postMessage per second per channel (429 with
 * Retry-After), response_url's 5 uses within 30 minutes, Block Kit limits (invalid_blocks),
 * channels that are gone (channel_not_found, not_in_channel, is_archived) and the files v2 upload
 * sequence. Knobs make a method fail, rate-limit, or the whole API storm with 429s.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { blocksProblem } from "./block-kit-rules.ts";

export interface StandInOptions {
	readonly teamId?: string;
	readonly botToken?: string;
	readonly appToken?: string;
	/** Milliseconds between two posts to one channel; 0 lets any rate through. Default 1000 (Slack's ~1 message per second). */
	readonly perChannelMs?: number;
	/** The stand-in's clock (response_url expiry); default Date.now. */
	readonly now?: () => number;
	/** Milliseconds each Web API call takes; default 0. */
	readonly latencyMs?: number;
	/** Up to this many more milliseconds, at random, per call: calls sent in order may be answered out of order. */
	readonly jitterMs?: number;
}

export interface StandInFile {
	readonly id: string;
	readonly filename: string;
	title?: string;
	bytes?: Buffer;
	channel?: string;
	threadTs?: string;
	initialComment?: string;
}

export interface StandInMessage {
	readonly channel: string;
	readonly ts: string;
	readonly threadTs?: string;
	text: string;
	blocks: readonly Record<string, unknown>[];
	readonly files: readonly StandInFile[];
	/** How many chat.update calls changed it. */
	updates: number;
	/** How it came: chat.postMessage, a response_url in_channel answer, a file share. */
	readonly via: "chat.postMessage" | "response_url" | "file";
	/** chat.postMessage's metadata: { event_type, event_payload }. */
	readonly metadata?: Record<string, unknown>;
}

export interface StandInEphemeral {
	readonly channel: string;
	readonly user: string;
	readonly threadTs?: string;
	readonly text: string;
	readonly blocks: readonly Record<string, unknown>[];
	readonly via: "chat.postEphemeral" | "response_url";
}

export interface StandInCall {
	readonly method: string;
	readonly params: Record<string, unknown>;
	readonly status: number;
	readonly error?: string;
	readonly at: number;
}

interface ResponseUrl {
	readonly channel: string;
	readonly user: string;
	readonly createdAt: number;
	uses: number;
}

const JSON_FIELDS = new Set(["blocks", "attachments", "view", "files", "metadata"]);
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_MS = 30 * 60_000;

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

async function decode(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
	if (contentType.startsWith("application/json")) return body.length > 0 ? (JSON.parse(body.toString()) as Record<string, unknown>) : {};
	if (contentType.startsWith("application/x-www-form-urlencoded")) {
		const params: Record<string, unknown> = {};
		for (const [key, value] of new URLSearchParams(body.toString())) params[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
		return params;
	}
	if (contentType.startsWith("multipart/form-data")) {
		const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
		const params: Record<string, unknown> = {};
		for (const [key, value] of form) params[key] = typeof value === "string" ? value : Buffer.from(await value.arrayBuffer());
		return params;
	}
	return {};
}

export class SlackStandIn {
	readonly teamId: string;
	readonly botToken: string;
	readonly appToken: string;
	readonly botUserId = "U0BOT";
	readonly calls: StandInCall[] = [];
	readonly messages: StandInMessage[] = [];
	readonly ephemerals: StandInEphemeral[] = [];
	readonly views = new Map<string, Record<string, unknown>>();
	readonly files = new Map<string, StandInFile>();
	/** Channels that are gone, with the error Slack gives for them. */
	readonly gone = new Map<string, string>();
	/** Slack user groups: id → members. */
	readonly userGroups = new Map<string, string[]>();
	perChannelMs: number;
	latencyMs: number;
	jitterMs: number;
	socketModeUrl: string | undefined;
	readonly #now: () => number;
	readonly #lastPost = new Map<string, number>();
	readonly #responseUrls = new Map<string, ResponseUrl>();
	readonly #failures = new Map<string, { error?: string; status?: number; times: number }>();
	#stormUntil = 0;
	#stormRetryAfter = 1;
	/** The last ts handed out, in microseconds: each next one is now, or just after the last. */
	#tsMicros = 0;
	#ids = 0;
	#base = "";
	readonly #waiters: { check: () => boolean; resolve: () => void }[] = [];
	readonly #server = createServer((request, response) => {
		void this.#handle(request, response).catch((error: unknown) => {
			if (!response.headersSent) response.writeHead(500).end(String(error));
		});
	});

	private constructor(options: StandInOptions) {
		this.teamId = options.teamId ?? "T0001";
		this.botToken = options.botToken ?? "xoxb-stand-in-token";
		this.appToken = options.appToken ?? "xapp-1-stand-in-token";
		this.perChannelMs = options.perChannelMs ?? 1000;
		this.latencyMs = options.latencyMs ?? 0;
		this.jitterMs = options.jitterMs ?? 0;
		this.#now = options.now ?? Date.now;
	}

	static async start(options: StandInOptions = {}): Promise<SlackStandIn> {
		const standIn = new SlackStandIn(options);
		await new Promise<void>((resolve) => standIn.#server.listen(0, "127.0.0.1", resolve));
		standIn.#base = `http://127.0.0.1:${(standIn.#server.address() as AddressInfo).port}`;
		return standIn;
	}

	get apiUrl(): string {
		return `${this.#base}/api/`;
	}

	/** A response_url for an interaction by `user` in `channel`. */
	responseUrl(channel: string, user: string): string {
		const id = `R${++this.#ids}`;
		this.#responseUrls.set(id, { channel, user, createdAt: this.#now(), uses: 0 });
		return `${this.#base}/respond/${id}`;
	}

	/** The next `times` calls of `method` answer {ok:false, error} (or the HTTP status). */
	fail(method: string, failure: { readonly error?: string; readonly status?: number }, times = 1): void {
		this.#failures.set(method, { ...failure, times });
	}

	/** Every Web API call answers 429 with Retry-After for `ms`. */
	storm(ms: number, retryAfterSec = 1): void {
		this.#stormUntil = this.#now() + ms;
		this.#stormRetryAfter = retryAfterSec;
	}

	/** Top-level messages and thread replies of a channel, oldest first. */
	messagesIn(channel: string): StandInMessage[] {
		return this.messages.filter((message) => message.channel === channel);
	}

	message(channel: string, ts: string): StandInMessage | undefined {
		return this.messages.find((message) => message.channel === channel && message.ts === ts);
	}

	callsOf(method: string): StandInCall[] {
		return this.calls.filter((call) => call.method === method);
	}

	/** Resolves once `check` holds (checked after every request), or rejects after `timeoutMs`. */
	until(check: () => boolean, timeoutMs = 5000, what = "the stand-in to see it"): Promise<void> {
		if (check()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const waiter = { check, resolve };
			this.#waiters.push(waiter);
			setTimeout(() => {
				const i = this.#waiters.indexOf(waiter);
				if (i !== -1) {
					this.#waiters.splice(i, 1);
					reject(new Error(`Timed out waiting for ${what}`));
				}
			}, timeoutMs).unref();
		});
	}

	async close(): Promise<void> {
		this.#server.closeAllConnections();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	#wake(): void {
		for (const waiter of [...this.#waiters]) {
			if (waiter.check()) {
				this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
				waiter.resolve();
			}
		}
	}

	/** A ts as Slack's: the time of the message ("seconds.micros"), unique in the workspace. */
	#nextTs(): string {
		this.#tsMicros = Math.max(this.#tsMicros + 1, Math.floor(this.#now() * 1000));
		return `${Math.floor(this.#tsMicros / 1e6)}.${String(this.#tsMicros % 1e6).padStart(6, "0")}`;
	}

	async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const body = await readBody(request);
		const path = new URL(request.url ?? "/", "http://stand-in").pathname;
		const params = await decode(body, request.headers["content-type"] ?? "");
		const delay = this.latencyMs + Math.random() * this.jitterMs;
		if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
		try {
			if (path.startsWith("/respond/")) return this.#respond(path.slice("/respond/".length), params, response);
			if (path.startsWith("/upload/")) return this.#upload(path.slice("/upload/".length), params, body, response);
			if (!path.startsWith("/api/")) {
				response.writeHead(404).end();
				return;
			}
			const method = path.slice("/api/".length);
			const answer = this.#api(method, params, request.headers.authorization ?? "");
			const status = answer.status ?? 200;
			this.calls.push({
				method,
				params,
				status,
				...(answer.body.ok === false ? { error: String(answer.body.error) } : {}),
				at: this.#now(),
			});
			response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...(answer.headers ?? {}) });
			response.end(JSON.stringify(answer.body));
		} finally {
			this.#wake();
		}
	}

	#api(
		method: string,
		params: Record<string, unknown>,
		authorization: string,
	): { status?: number; headers?: Record<string, string>; body: Record<string, unknown> } {
		if (this.#now() < this.#stormUntil)
			return { status: 429, headers: { "retry-after": String(this.#stormRetryAfter) }, body: { ok: false, error: "ratelimited" } };
		const failure = this.#failures.get(method);
		if (failure && failure.times > 0) {
			failure.times -= 1;
			if (failure.status !== undefined) return { status: failure.status, body: { ok: false, error: failure.error ?? "internal_error" } };
			return { body: { ok: false, error: failure.error ?? "internal_error" } };
		}
		if (method === "apps.connections.open") {
			if (authorization !== `Bearer ${this.appToken}` || this.socketModeUrl === undefined)
				return { body: { ok: false, error: "invalid_auth" } };
			return { body: { ok: true, url: this.socketModeUrl } };
		}
		if (authorization !== `Bearer ${this.botToken}`) return { body: { ok: false, error: "invalid_auth" } };
		const channel =
			typeof params.channel === "string" ? params.channel : typeof params.channel_id === "string" ? params.channel_id : undefined;
		const goneError = channel === undefined ? undefined : this.gone.get(channel);
		switch (method) {
			case "auth.test":
				return {
					body: {
						ok: true,
						url: "https://stand-in.slack.com/",
						team: "Stand-in",
						user: "kubecoach",
						team_id: this.teamId,
						user_id: this.botUserId,
						bot_id: "B0BOT",
					},
				};
			case "chat.postMessage": {
				if (goneError) return { body: { ok: false, error: goneError } };
				const problem = this.#messageProblem(params, 50);
				if (problem) return { body: { ok: false, error: "invalid_blocks", errors: [problem] } };
				const now = this.#now();
				const last = this.#lastPost.get(channel as string);
				if (this.perChannelMs > 0 && last !== undefined && now - last < this.perChannelMs) {
					const wait = Math.max(1, Math.ceil((this.perChannelMs - (now - last)) / 1000));
					return { status: 429, headers: { "retry-after": String(wait) }, body: { ok: false, error: "ratelimited" } };
				}
				this.#lastPost.set(channel as string, now);
				const ts = this.#nextTs();
				const threadTs = typeof params.thread_ts === "string" ? params.thread_ts : undefined;
				const metadata =
					typeof params.metadata === "object" && params.metadata !== null ? (params.metadata as Record<string, unknown>) : undefined;
				this.messages.push({
					channel: channel as string,
					ts,
					...(threadTs ? { threadTs } : {}),
					text: String(params.text ?? ""),
					blocks: (params.blocks as Record<string, unknown>[]) ?? [],
					files: [],
					updates: 0,
					via: "chat.postMessage",
					...(metadata ? { metadata } : {}),
				});
				return { body: { ok: true, channel, ts, message: { text: params.text, ts } } };
			}
			case "chat.update": {
				if (goneError) return { body: { ok: false, error: goneError } };
				const message = this.message(channel as string, String(params.ts));
				if (!message) return { body: { ok: false, error: "message_not_found" } };
				const problem = this.#messageProblem(params, 50);
				if (problem) return { body: { ok: false, error: "invalid_blocks", errors: [problem] } };
				message.text = String(params.text ?? message.text);
				if (params.blocks !== undefined) message.blocks = params.blocks as Record<string, unknown>[];
				message.updates += 1;
				return { body: { ok: true, channel, ts: message.ts, text: message.text } };
			}
			case "chat.postEphemeral": {
				if (goneError) return { body: { ok: false, error: goneError } };
				const problem = this.#messageProblem(params, 50);
				if (problem) return { body: { ok: false, error: "invalid_blocks", errors: [problem] } };
				const threadTs = typeof params.thread_ts === "string" ? params.thread_ts : undefined;
				this.ephemerals.push({
					channel: channel as string,
					user: String(params.user),
					...(threadTs ? { threadTs } : {}),
					text: String(params.text ?? ""),
					blocks: (params.blocks as Record<string, unknown>[]) ?? [],
					via: "chat.postEphemeral",
				});
				return { body: { ok: true, message_ts: this.#nextTs() } };
			}
			case "conversations.history":
				if (goneError) return { body: { ok: false, error: goneError } };
				return { body: this.#history(channel as string, params) };
			case "conversations.open":
				return { body: { ok: true, channel: { id: `D${String(params.users).replace(/^U/, "")}` } } };
			case "views.publish": {
				const view = params.view as Record<string, unknown> | undefined;
				const problem = view?.type !== "home" ? "view.type must be home" : blocksProblem(view.blocks, 100);
				if (problem) return { body: { ok: false, error: "invalid_blocks", errors: [problem] } };
				if (typeof view?.private_metadata === "string" && view.private_metadata.length > 3000)
					return { body: { ok: false, error: "invalid_arguments" } };
				this.views.set(String(params.user_id), view as Record<string, unknown>);
				return { body: { ok: true, view: { id: `V${String(params.user_id)}`, ...view } } };
			}
			case "usergroups.list":
				return { body: { ok: true, usergroups: [...this.userGroups].map(([id, users]) => ({ id, team_id: this.teamId, users })) } };
			case "files.getUploadURLExternal": {
				const id = `F${++this.#ids}`;
				this.files.set(id, { id, filename: String(params.filename) });
				return { body: { ok: true, upload_url: `${this.#base}/upload/${id}`, file_id: id } };
			}
			case "files.completeUploadExternal": {
				if (goneError) return { body: { ok: false, error: goneError } };
				const listed = (params.files as { id: string; title?: string }[] | undefined) ?? [];
				const done = listed.map((entry) => this.files.get(entry.id));
				if (done.some((file) => file?.bytes === undefined)) return { body: { ok: false, error: "file_not_found" } };
				const threadTs = typeof params.thread_ts === "string" ? params.thread_ts : undefined;
				const shared = done as StandInFile[];
				for (const [i, file] of shared.entries()) {
					const title = listed[i]?.title;
					if (title !== undefined) file.title = title;
					if (channel !== undefined) file.channel = channel;
					if (threadTs !== undefined) file.threadTs = threadTs;
					if (typeof params.initial_comment === "string") file.initialComment = params.initial_comment;
				}
				if (channel !== undefined) {
					this.messages.push({
						channel,
						ts: this.#nextTs(),
						...(threadTs ? { threadTs } : {}),
						text: String(params.initial_comment ?? ""),
						blocks: [],
						files: shared,
						updates: 0,
						via: "file",
					});
				}
				return { body: { ok: true, files: shared.map((file) => ({ id: file.id, title: file.title ?? "" })) } };
			}
			default:
				return { body: { ok: false, error: "unknown_method" } };
		}
	}

	/**
	 * conversations.history as Slack answers it: top-level messages newest first, after `oldest`
	 * (exclusive unless `inclusive`), `limit` a page (default 100, at most 999), cursor pagination
	 * through response_metadata.next_cursor; metadata only with include_all_metadata.
	 */
	#history(channel: string, params: Record<string, unknown>): Record<string, unknown> {
		const oldest = Number(params.oldest ?? 0);
		const inclusive = params.inclusive === true || params.inclusive === "true";
		const limit = Math.min(999, Math.max(1, Number(params.limit ?? 100)));
		const offset =
			typeof params.cursor === "string" && params.cursor !== ""
				? Number(Buffer.from(params.cursor, "base64").toString().slice("offset:".length))
				: 0;
		const withMetadata = params.include_all_metadata === true || params.include_all_metadata === "true";
		const listed = this.messagesIn(channel)
			.filter((m) => m.threadTs === undefined && (inclusive ? Number(m.ts) >= oldest : Number(m.ts) > oldest))
			.reverse();
		const page = listed.slice(offset, offset + limit);
		const hasMore = offset + limit < listed.length;
		return {
			ok: true,
			messages: page.map((m) => ({
				type: "message",
				ts: m.ts,
				text: m.text,
				bot_id: "B0BOT",
				...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
			})),
			has_more: hasMore,
			pin_count: 0,
			response_metadata: { next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString("base64") : "" },
		};
	}

	#messageProblem(params: Record<string, unknown>, maxBlocks: number): string | undefined {
		if (params.blocks === undefined) return typeof params.text === "string" && params.text !== "" ? undefined : "text or blocks required";
		return blocksProblem(params.blocks, maxBlocks);
	}

	#upload(id: string, params: Record<string, unknown>, raw: Buffer, response: ServerResponse): void {
		const file = this.files.get(id);
		if (!file) {
			response.writeHead(404).end();
			return;
		}
		const part = Object.values(params).find((value) => Buffer.isBuffer(value));
		file.bytes = Buffer.isBuffer(part) ? part : raw;
		this.calls.push({ method: "upload", params: { id }, status: 200, at: this.#now() });
		response.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${file.bytes.length}`);
	}

	#respond(id: string, params: Record<string, unknown>, response: ServerResponse): void {
		const url = this.#responseUrls.get(id);
		const refuse = (status: number, error: string) => {
			this.calls.push({ method: "response_url", params, status, error, at: this.#now() });
			response.writeHead(status, { "content-type": "text/plain" }).end(error);
		};
		if (!url) {
			refuse(404, "no_such_url");
			return;
		}
		if (this.#now() - url.createdAt > RESPONSE_URL_MS) {
			refuse(404, "expired_url");
			return;
		}
		if (url.uses >= RESPONSE_URL_USES) {
			refuse(404, "used_url");
			return;
		}
		const problem = this.#messageProblem(params, 50);
		if (problem) {
			refuse(400, "invalid_blocks");
			return;
		}
		url.uses += 1;
		const threadTs = typeof params.thread_ts === "string" ? params.thread_ts : undefined;
		const blocks = (params.blocks as Record<string, unknown>[]) ?? [];
		if (params.response_type === "in_channel") {
			if (this.gone.has(url.channel)) {
				refuse(404, "channel_not_found");
				return;
			}
			this.messages.push({
				channel: url.channel,
				ts: this.#nextTs(),
				...(threadTs ? { threadTs } : {}),
				text: String(params.text ?? ""),
				blocks,
				files: [],
				updates: 0,
				via: "response_url",
			});
		} else {
			this.ephemerals.push({
				channel: url.channel,
				user: url.user,
				...(threadTs ? { threadTs } : {}),
				text: String(params.text ?? ""),
				blocks,
				via: "response_url",
			});
		}
		this.calls.push({ method: "response_url", params, status: 200, at: this.#now() });
		response.writeHead(200, { "content-type": "text/plain" }).end("ok");
	}
}
