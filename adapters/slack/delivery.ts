/**
 * Delivering the core's replies into a Slack conversation after the acknowledgement. Private
 * replies are ephemeral: through the interaction's response_url while it has uses left, else
 * chat.postEphemeral, else a direct message. Channel replies are posted (in the conversation's
 * thread when it has one) with their own thread under them and their files uploaded there; in a
 * channel the bot is not a member of, they go to the asker directly with a note saying why.
 */
import type { Logger } from "../../src/ports/logger.ts";
import type { Reply } from "../../src/reply.ts";
import { renderMessage } from "./render-message.ts";
import type { ResponseUrls } from "./response-urls.ts";
import type { MessageBody, SlackApi } from "./slack-api.ts";
import { SlackCallError } from "./slack-errors.ts";

/** Where an interaction happened, in Slack's own ids. */
export interface Conversation {
	readonly channel: string;
	readonly user: string;
	/** The thread the interaction happened in (an @mention's, a press on a message in a thread): private replies show there. */
	readonly threadTs?: string;
	/** Where channel replies go, when not threadTs: the thread of the message whose button was pressed. */
	readonly channelThreadTs?: string;
	readonly responseUrl?: string;
}

export type AckBody = MessageBody & { readonly response_type: "ephemeral" | "in_channel" };

/** The reply as the body of a slash command's acknowledgement, when it fits one (no thread, no files). */
export function ackBody(reply: Reply): AckBody | undefined {
	if ((reply.thread?.length ?? 0) > 0) return undefined;
	const message = renderMessage(reply);
	if (message.files.length > 0) return undefined;
	return { response_type: reply.visibility === "private" ? "ephemeral" : "in_channel", text: message.text, blocks: message.blocks };
}

const NOT_A_MEMBER =
	"I am not a member of this channel, so I sent my answer to you directly. Invite me with `/invite @kubecoach` to have it posted here.";

export class Delivery {
	readonly #api: SlackApi;
	readonly #urls: ResponseUrls;
	readonly #logger: Logger;

	constructor(api: SlackApi, urls: ResponseUrls, logger: Logger) {
		this.#api = api;
		this.#urls = urls;
		this.#logger = logger;
	}

	/** Delivers each reply in order; one that fails is logged (by method and code) and the next still goes. */
	async deliver(conversation: Conversation, replies: readonly Reply[]): Promise<void> {
		for (const reply of replies) {
			try {
				if (reply.visibility === "private") await this.#private(conversation, reply);
				else await this.#channel(conversation, reply);
			} catch (error) {
				const code = error instanceof SlackCallError ? error.slackError : String(error);
				this.#logger.error(`Could not deliver a reply in ${conversation.channel}: ${code}`, { channel: conversation.channel, code });
			}
		}
	}

	async #private(conversation: Conversation, reply: Reply): Promise<void> {
		const message = renderMessage(reply);
		const body: MessageBody = { text: message.text, blocks: message.blocks };
		if (!(await this.#viaResponseUrl(conversation, { ...body, response_type: "ephemeral", replace_original: false }))) {
			try {
				await this.#api.postEphemeral(conversation.channel, conversation.user, body, conversation.threadTs);
			} catch (error) {
				if (!(error instanceof SlackCallError && (error.channelGone || error.slackError === "user_not_in_channel"))) throw error;
				await this.#api.post(await this.#api.openDm(conversation.user), body);
			}
		}
		if (message.files.length > 0) {
			await this.#api.upload(message.files, {
				channel: await this.#api.openDm(conversation.user),
				comment: "The files that go with my private answer.",
			});
		}
		for (const child of reply.thread ?? []) await this.#private(conversation, child);
	}

	async #channel(conversation: Conversation, reply: Reply): Promise<void> {
		const message = renderMessage(reply);
		const body: MessageBody = { text: message.text, blocks: message.blocks };
		let channel = conversation.channel;
		let threadTs = conversation.channelThreadTs ?? conversation.threadTs;
		let ts: string;
		try {
			ts = await this.#api.post(channel, body, threadTs);
		} catch (error) {
			if (!(error instanceof SlackCallError && error.channelGone)) throw error;
			await this.#private(conversation, { text: NOT_A_MEMBER, visibility: "private" });
			channel = await this.#api.openDm(conversation.user);
			threadTs = undefined;
			ts = await this.#api.post(channel, body);
		}
		const root = threadTs ?? ts;
		for (const child of reply.thread ?? []) {
			await this.#channel({ ...conversation, channel, threadTs: root, channelThreadTs: root }, { ...child, visibility: "channel" });
		}
		await this.#api.upload(message.files, { channel, threadTs: root });
	}

	/** True when the response_url took the message. */
	async #viaResponseUrl(conversation: Conversation, body: Readonly<Record<string, unknown>>): Promise<boolean> {
		const url = conversation.responseUrl;
		if (url === undefined || !this.#urls.take(url)) return false;
		try {
			await this.#api.respond(url, { ...body, ...(conversation.threadTs === undefined ? {} : { thread_ts: conversation.threadTs }) });
			return true;
		} catch {
			this.#urls.spend(url);
			return false;
		}
	}
}
