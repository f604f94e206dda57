/**
 * The Web API calls kubecoach makes, through one @slack/web-api WebClient configured on purpose:
 * a request timeout, a bounded retry policy (429s wait for Slack's Retry-After, which the client
 * honours by pausing its queue; 5xx and network errors back off), and posts paced per channel.
 * Every failure is logged with its method and error code (slack-errors.ts), never a token.
 */
import { type RetryOptions, LogLevel as WebApiLogLevel, WebClient, WebClientEvent } from "@slack/web-api";
import type { Logger } from "../../src/ports/logger.ts";
import type { Metrics } from "../../src/ports/metrics.ts";
import type { ReplyFile } from "../../src/reply.ts";
import type { SlackBlock } from "./blocks.ts";
import { ChannelPacer } from "./channel-pacer.ts";
import { postJson } from "./post-json.ts";
import { SlackCallError, slackCall } from "./slack-errors.ts";
import { slackLibraryLogger } from "./slack-log.ts";

/**
 * Production retries: up to 4 more attempts, 1 s doubling to at most 15 s (about half a minute in
 * all), instead of the library's default of ten retries over thirty minutes, which would hold a
 * reply or a scheduled post far past its use.
 */
export const SLACK_RETRIES: RetryOptions = { retries: 4, factor: 2, minTimeout: 1000, maxTimeout: 15_000, randomize: true };

export interface SlackApiOptions {
	readonly token: string;
	/** The Web API base (SLACK_API_URL); default Slack's. */
	readonly apiUrl?: string;
	readonly logger: Logger;
	readonly retryConfig?: RetryOptions;
	/** Milliseconds before a request is abandoned (then retried under the policy). Default 10 s. */
	readonly timeoutMs?: number;
	/** Milliseconds between posts to one channel; default 1000. */
	readonly perChannelMs?: number;
	/** Counts the waits Slack asks for (429 with Retry-After). */
	readonly metrics?: Metrics;
}

/** The metadata event type of a scheduled item's post (ChatPort PostOptions.itemKey). */
const ITEM_EVENT = "kubecoach_item";
/** findItem's bound: the 1000 newest messages since the item could have been posted. */
const HISTORY_PAGES = 5;
const HISTORY_PAGE_SIZE = 200;

export interface MessageBody {
	readonly text: string;
	readonly blocks: readonly SlackBlock[];
}

export interface Identity {
	readonly teamId: string;
	readonly botUserId: string;
	readonly botId: string;
}

export class SlackApi {
	readonly web: WebClient;
	readonly #logger: Logger;
	readonly #pacer: ChannelPacer;
	readonly #timeoutMs: number;

	constructor(options: SlackApiOptions) {
		this.#logger = options.logger;
		this.#timeoutMs = options.timeoutMs ?? 10_000;
		this.#pacer = new ChannelPacer({ intervalMs: options.perChannelMs ?? 1000 });
		this.web = new WebClient(options.token, {
			...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
			retryConfig: options.retryConfig ?? SLACK_RETRIES,
			timeout: this.#timeoutMs,
			logger: slackLibraryLogger(options.logger, "slack web api"),
			logLevel: WebApiLogLevel.WARN,
		});
		this.web.on(WebClientEvent.RATE_LIMITED, (retryAfter: number, request: { url?: string }) => {
			const method = (request.url ?? "").split("/").at(-1) ?? "?";
			options.metrics?.rateLimitWait("slack", retryAfter);
			this.#logger.warn(`Slack rate-limited ${method}: the client waits ${retryAfter} s as Slack asks, then retries`, {
				method,
				code: "ratelimited",
				retryAfter,
			});
		});
	}

	async identity(): Promise<Identity> {
		const result = await slackCall(this.#logger, "auth.test", () => this.web.auth.test());
		if (!result.team_id || !result.user_id || !result.bot_id) throw new SlackCallError("auth.test", "not_a_bot_token");
		return { teamId: result.team_id, botUserId: result.user_id, botId: result.bot_id };
	}

	/**
	 * Posts a message (in a thread with `threadTs`), in the channel's turn; resolves to its ts.
	 * `itemKey` goes in the message's metadata, where findItem looks for it.
	 */
	async post(channel: string, message: MessageBody, threadTs?: string, itemKey?: string): Promise<string> {
		const result = await this.#pacer.paced(channel, () =>
			slackCall(this.#logger, "chat.postMessage", () =>
				this.web.chat.postMessage({
					channel,
					text: message.text,
					blocks: [...message.blocks],
					unfurl_links: false,
					unfurl_media: false,
					...(threadTs === undefined ? {} : { thread_ts: threadTs }),
					...(itemKey === undefined ? {} : { metadata: { event_type: ITEM_EVENT, event_payload: { key: itemKey } } }),
				}),
			),
		);
		if (typeof result.ts !== "string") throw new SlackCallError("chat.postMessage", "no_ts");
		return result.ts;
	}

	/**
	 * The ts of the newest message in the channel since `oldest` (a Slack ts) whose metadata holds
	 * `itemKey`, or undefined: conversations.history, newest first, at most HISTORY_PAGES pages.
	 */
	async findItem(channel: string, itemKey: string, oldest: string): Promise<string | undefined> {
		let cursor: string | undefined;
		for (let page = 0; page < HISTORY_PAGES; page++) {
			const result = await slackCall(this.#logger, "conversations.history", () =>
				this.web.conversations.history({
					channel,
					oldest,
					limit: HISTORY_PAGE_SIZE,
					include_all_metadata: true,
					...(cursor === undefined ? {} : { cursor }),
				}),
			);
			for (const message of result.messages ?? []) {
				const metadata = message.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
				if (metadata?.event_type === ITEM_EVENT && metadata.event_payload?.key === itemKey && message.ts) return message.ts;
			}
			cursor = result.response_metadata?.next_cursor || undefined;
			if (!result.has_more || cursor === undefined) return undefined;
		}
		return undefined;
	}

	async update(channel: string, ts: string, message: MessageBody): Promise<void> {
		await slackCall(this.#logger, "chat.update", () =>
			this.web.chat.update({ channel, ts, text: message.text, blocks: [...message.blocks] }),
		);
	}

	async postEphemeral(channel: string, user: string, message: MessageBody, threadTs?: string): Promise<void> {
		await slackCall(this.#logger, "chat.postEphemeral", () =>
			this.web.chat.postEphemeral({
				channel,
				user,
				text: message.text,
				blocks: [...message.blocks],
				...(threadTs === undefined ? {} : { thread_ts: threadTs }),
			}),
		);
	}

	/** The direct-message channel with `user`. */
	async openDm(user: string): Promise<string> {
		const result = await slackCall(this.#logger, "conversations.open", () => this.web.conversations.open({ users: user }));
		const id = result.channel?.id;
		if (id === undefined) throw new SlackCallError("conversations.open", "no_channel");
		return id;
	}

	/** Uploads files into a channel (or its thread) by the files v2 sequence. */
	async upload(
		files: readonly ReplyFile[],
		where: { readonly channel: string; readonly threadTs?: string; readonly comment?: string },
	): Promise<void> {
		if (files.length === 0) return;
		await slackCall(this.#logger, "files.uploadV2", () =>
			this.web.files.uploadV2({
				channel_id: where.channel,
				...(where.threadTs === undefined ? {} : { thread_ts: where.threadTs }),
				...(where.comment === undefined ? {} : { initial_comment: where.comment }),
				file_uploads: files.map((file) => ({
					// A string `file` would be read as a path: always hand over bytes.
					file: Buffer.from(file.content),
					filename: file.name,
					...(file.title === undefined ? {} : { title: file.title }),
				})),
			}),
		);
	}

	async publishHome(user: string, blocks: readonly SlackBlock[], privateMetadata: string): Promise<void> {
		await slackCall(this.#logger, "views.publish", () =>
			this.web.views.publish({ user_id: user, view: { type: "home", blocks: [...blocks], private_metadata: privateMetadata } }),
		);
	}

	/** Every user group's members, as user → group ids. */
	async userGroups(): Promise<Map<string, string[]>> {
		const result = await slackCall(this.#logger, "usergroups.list", () => this.web.usergroups.list({ include_users: true }));
		const byUser = new Map<string, string[]>();
		for (const group of result.usergroups ?? []) {
			if (group.id === undefined) continue;
			for (const user of group.users ?? []) byUser.set(user, [...(byUser.get(user) ?? []), group.id]);
		}
		return byUser;
	}

	/** Posts to an interaction's response_url (Slack allows 5 posts within 30 minutes); throws SlackCallError when refused. */
	async respond(url: string, body: Readonly<Record<string, unknown>>): Promise<void> {
		await slackCall(this.#logger, "response_url", async () => {
			const { status, text } = await postJson(url, body, this.#timeoutMs);
			if (status < 200 || status > 299) throw new SlackCallError("response_url", /^[a-z_]{1,40}$/.test(text) ? text : `http_${status}`);
		});
	}
}
