/**
 * The REST API of the stand-in, route by route: channel messages (bot token), interaction
 * callbacks and webhooks (the interaction token, no Authorization header), commands, and
 * /gateway/bot. It enforces what bites in production: the 3 s initial response (10062), one
 * acknowledgement (40060), the 15-minute token (50027), deleted channels (10003), lost access
 * (50001, 50013), message limits (50035), and answers 401 to a bot token it does not know.
 */
import { attachmentsOf, BodyError, checkMessage, type MessageBody, messageJson, type StoredMessage, type Upload } from "./message-rules.ts";
import type { InteractionState, StandInState } from "./state.ts";

export interface RouteConfig {
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: { readonly id: string; readonly username: string };
	readonly gatewayUrl: () => string;
	readonly initialResponseDeadlineMs: number;
	readonly tokenLifetimeMs: number;
	/** The stand-in's clock: tests move it to age interaction tokens. */
	readonly now: () => number;
	/** Told of each accepted initial response (the benchmark measures from dispatch to here). */
	readonly onCallback?: (interaction: InteractionState) => void;
}

export interface Answer {
	readonly status: number;
	readonly body?: unknown;
	readonly headers?: Record<string, string>;
}

export interface Request {
	readonly method: string;
	readonly path: string;
	readonly query: URLSearchParams;
	readonly authorization: string | undefined;
	readonly body: MessageBody & Record<string, unknown>;
	readonly uploads: readonly Upload[];
}

const error = (status: number, code: number, message: string): Answer => ({ status, body: { message, code } });
const EPHEMERAL = 64;

export function route(state: StandInState, config: RouteConfig, request: Request): Answer {
	const { method, path } = request;
	const callbackPath = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
	if (callbackPath && method === "POST") return callback(state, config, request, callbackPath[1] ?? "", callbackPath[2] ?? "");
	const webhookPath = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path);
	if (webhookPath) return webhook(state, config, request, webhookPath[2] ?? "", webhookPath[3]);
	if (request.authorization !== `Bot ${config.token}`) return error(401, 0, "401: Unauthorized");
	if (path === "/gateway/bot" && method === "GET") {
		return {
			status: 200,
			body: {
				url: config.gatewayUrl(),
				shards: 1,
				session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
			},
		};
	}
	const commandsPath = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
	if (commandsPath) return commands(state, config, request, commandsPath[1] ?? "", commandsPath[2]);
	const messagesPath = /^\/channels\/(\d+)\/messages(?:\/(\d+))?$/.exec(path);
	if (messagesPath) return channelMessages(state, config, request, messagesPath[1] ?? "", messagesPath[2]);
	return error(404, 0, "404: Not Found");
}

function store(state: StandInState, request: Request, channelId: string, extra: Partial<StoredMessage> = {}): StoredMessage {
	checkMessage(request.body, request.uploads);
	return {
		id: state.nextId(),
		channel_id: channelId,
		content: request.body.content ?? "",
		embeds: [...(request.body.embeds ?? [])],
		components: [...(request.body.components ?? [])],
		attachments: attachmentsOf(request.body, request.uploads, () => state.nextId()),
		flags: request.body.flags ?? 0,
		edited: 0,
		timestamp: new Date().toISOString(),
		...(request.body.message_reference ? { message_reference: request.body.message_reference } : {}),
		...extra,
	};
}

function edit(state: StandInState, message: StoredMessage, request: Request): void {
	checkMessage(request.body, request.uploads, true);
	const body = request.body;
	if (body.content !== undefined) message.content = body.content ?? "";
	if (body.embeds !== undefined) message.embeds = [...(body.embeds ?? [])];
	if (body.components !== undefined) message.components = [...(body.components ?? [])];
	if (body.attachments !== undefined || request.uploads.length > 0) {
		const kept = message.attachments.filter((a) => body.attachments?.some((b) => String(b.id) === a.id));
		message.attachments = [...kept, ...attachmentsOf(body, request.uploads, () => state.nextId())];
	}
	message.edited += 1;
}

function guarded(run: () => Answer): Answer {
	try {
		return run();
	} catch (caught) {
		if (caught instanceof BodyError)
			return { status: 400, body: { message: caught.message, code: caught.code, errors: { field: caught.field } } };
		throw caught;
	}
}

/** How long Discord remembers a message's nonce for enforce_nonce ("a few minutes"). */
const NONCE_MS = 5 * 60_000;

function channelMessages(
	state: StandInState,
	config: RouteConfig,
	request: Request,
	channelId: string,
	messageId: string | undefined,
): Answer {
	const channel = state.channels.get(channelId);
	if (channel === undefined || channel.deleted) return error(404, 10003, "Unknown Channel");
	if (channel.forbidden === 50001) return error(403, 50001, "Missing Access");
	if (channel.forbidden === 50013) return error(403, 50013, "Missing Permissions");
	if (messageId === undefined) {
		if (request.method !== "POST") return error(405, 0, "405: Method Not Allowed");
		return guarded(() => {
			const nonce = request.body.nonce === undefined ? undefined : String(request.body.nonce);
			const since = config.now() - NONCE_MS;
			const first =
				nonce !== undefined && request.body.enforce_nonce === true
					? channel.messages.find((m) => m.nonce === nonce && Date.parse(m.timestamp) >= since)
					: undefined;
			if (first) return { status: 200, body: messageJson(first, config.botUser) };
			const message = store(state, request, channelId, nonce === undefined ? {} : { nonce });
			channel.messages.push(message);
			return { status: 200, body: messageJson(message, config.botUser) };
		});
	}
	const message = channel.messages.find((m) => m.id === messageId);
	if (message === undefined) return error(404, 10008, "Unknown Message");
	if (request.method === "GET") return { status: 200, body: messageJson(message, config.botUser) };
	if (request.method === "DELETE") {
		channel.messages.splice(channel.messages.indexOf(message), 1);
		return { status: 204 };
	}
	if (request.method !== "PATCH") return error(405, 0, "405: Method Not Allowed");
	return guarded(() => {
		edit(state, message, request);
		return { status: 200, body: messageJson(message, config.botUser) };
	});
}

function callback(state: StandInState, config: RouteConfig, request: Request, id: string, token: string): Answer {
	const interaction = state.interactions.get(id);
	const now = config.now();
	if (interaction === undefined || interaction.token !== token) return error(404, 10062, "Unknown interaction");
	if (now - interaction.dispatchedAt > config.initialResponseDeadlineMs) {
		interaction.refused.push({ at: now, code: 10062 });
		return error(404, 10062, "Unknown interaction");
	}
	if (interaction.callback !== undefined) {
		interaction.refused.push({ at: now, code: 40060 });
		return error(400, 40060, "Interaction has already been acknowledged.");
	}
	const body = request.body as { type?: number; data?: MessageBody & { choices?: { name: string; value: string }[] } };
	const type = body.type ?? 0;
	const data = body.data ?? {};
	return guarded(() => {
		if (type === 8) {
			const choices = data.choices ?? [];
			if (choices.length > 25 || choices.some((c) => c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100)) {
				throw new BodyError(50035, "Invalid Form Body: data.choices", "data.choices");
			}
			interaction.choices = choices;
		} else if (type === 4) {
			interaction.original = store(state, { ...request, body: data as Request["body"] }, interaction.channelId, { interactionId: id });
			if (((data.flags ?? 0) & EPHEMERAL) === 0) state.channel(interaction.channelId).messages.push(interaction.original);
		} else if (type === 5) {
			interaction.original = { ...placeholder(state, interaction), flags: data.flags ?? 0 };
			if (((data.flags ?? 0) & EPHEMERAL) === 0) state.channel(interaction.channelId).messages.push(interaction.original);
		} else if (type !== 6 && type !== 7) throw new BodyError(50035, `Invalid Form Body: type ${type}`, "type");
		interaction.callback = { at: now, type, flags: data.flags ?? 0, data };
		config.onCallback?.(interaction);
		return { status: 204 };
	});
}

function placeholder(state: StandInState, interaction: InteractionState): StoredMessage {
	return {
		id: state.nextId(),
		channel_id: interaction.channelId,
		content: "",
		embeds: [],
		components: [],
		attachments: [],
		flags: 128,
		edited: 0,
		timestamp: new Date().toISOString(),
		interactionId: interaction.id,
	};
}

function webhook(state: StandInState, config: RouteConfig, request: Request, token: string, target: string | undefined): Answer {
	const interaction = state.interactionByToken(token);
	if (interaction === undefined) return error(404, 10015, "Unknown Webhook");
	if (config.now() - interaction.dispatchedAt > config.tokenLifetimeMs) return error(401, 50027, "Invalid Webhook Token");
	if (interaction.callback === undefined) return error(404, 10015, "Unknown Webhook");
	const { method } = request;
	if (target === undefined) {
		if (method !== "POST") return error(405, 0, "405: Method Not Allowed");
		return guarded(() => {
			const message = store(state, request, interaction.channelId, { webhook_id: config.applicationId, interactionId: interaction.id });
			interaction.followUps.push(message);
			if ((message.flags & EPHEMERAL) === 0) state.channel(interaction.channelId).messages.push(message);
			// Without ?wait=true Discord executes the webhook and answers 204: no message, no id.
			if (request.query.get("wait") !== "true") return { status: 204 };
			return { status: 200, body: messageJson(message, config.botUser) };
		});
	}
	const message =
		target === "@original"
			? interaction.originalDeleted
				? undefined
				: interaction.original
			: interaction.followUps.find((f) => f.id === target);
	if (message === undefined) return error(404, 10008, "Unknown Message");
	if (method === "GET") return { status: 200, body: messageJson(message, config.botUser) };
	if (method === "DELETE") {
		if (target === "@original") interaction.originalDeleted = true;
		else interaction.deletedFollowUps.push(...interaction.followUps.splice(interaction.followUps.indexOf(message), 1));
		const messages = state.channels.get(interaction.channelId)?.messages ?? [];
		if (messages.includes(message)) messages.splice(messages.indexOf(message), 1);
		return { status: 204 };
	}
	if (method !== "PATCH") return error(405, 0, "405: Method Not Allowed");
	return guarded(() => {
		edit(state, message, request);
		message.flags &= ~128;
		return { status: 200, body: messageJson(message, config.botUser) };
	});
}

function commands(state: StandInState, config: RouteConfig, request: Request, applicationId: string, guildId: string | undefined): Answer {
	if (applicationId !== config.applicationId) return error(403, 50001, "Missing Access");
	const key = guildId ?? "global";
	if (request.method === "GET") return { status: 200, body: state.commands.get(key) ?? [] };
	if (request.method !== "PUT") return error(405, 0, "405: Method Not Allowed");
	const list = request.body as unknown as Record<string, unknown>[];
	const before = state.commands.get(key) ?? [];
	const registered = list.map((command) => {
		const existing = before.find((b) => b.name === command.name);
		return {
			id: (existing?.id as string | undefined) ?? state.nextId(),
			application_id: applicationId,
			version: state.nextId(),
			type: 1,
			default_member_permissions: null,
			nsfw: false,
			...(guildId === undefined ? {} : { guild_id: guildId }),
			...command,
		};
	});
	state.commands.set(key, registered);
	return { status: 200, body: registered };
}
