/**
 * The Chat port: how the core puts messages in a channel on its own initiative (scheduled drops,
 * quiz posts, reveals), as opposed to replying to a command, which goes back through the router.
 * Implemented by each chat adapter (console, Slack, Discord); the core never sees a platform type.
 */
import type { Reply } from "../reply.ts";

export interface PostOptions {
	/**
	 * The scheduled item the post shows (e.g. "slack:T1:C1/quiz-7"): kept with the message where
	 * the platform allows (Slack's message metadata, Discord's nonce), so that findPost can find
	 * it again or the platform refuses it twice.
	 */
	readonly itemKey?: string;
}

export interface ChatPort {
	/**
	 * Posts `reply` to the channel for everyone and resolves to the posted message's reference,
	 * an opaque string only the adapter decodes (e.g. "slack:C1:1700000000.1"). Throws
	 * ChannelGoneError when the channel no longer exists or the bot lost access to it; any other
	 * error is transient (the post may be retried later).
	 */
	post(channelId: string, reply: Reply, options?: PostOptions): Promise<string>;
	/**
	 * The reference of the message this bot posted to the channel at or after `since` with
	 * `itemKey` (PostOptions), or null when there is none, or when the platform itself refuses a
	 * second post of the key (post then returns the first message instead). A replica that takes
	 * over a scheduled item asks this first: the replica before it may have posted the item and
	 * died before saving the reference. Bounded: it looks through a limited recent history.
	 */
	findPost(channelId: string, itemKey: string, since: Date): Promise<string | null>;
	/**
	 * Replaces the content of a message this bot posted (a running answer count, a reveal).
	 * Same errors as post. Updating a message with the content it already has is harmless.
	 */
	update(channelId: string, messageRef: string, reply: Reply): Promise<void>;
}

/**
 * The channel was deleted or archived, or the bot was removed from it or lost the permission to
 * post. Retrying will not help: the scheduler pauses the channel's course instead.
 */
export class ChannelGoneError extends Error {
	readonly code = "channel-gone";
	readonly channelId: string;

	constructor(channelId: string, reason: string, options?: { readonly cause?: unknown }) {
		super(`Channel ${channelId} cannot be posted to: ${reason}`, options);
		this.name = "ChannelGoneError";
		this.channelId = channelId;
	}
}
