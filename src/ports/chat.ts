/**
 * The Chat port: how the core puts messages in a channel on its own initiative (scheduled drops,
 * quiz posts, reveals), as opposed to replying to a command, which goes back through the router.
 * Implemented by each chat adapter (console, Slack, Discord); the core never sees a platform type.
 */
import type { Reply } from "../reply.ts";

export interface ChatPort {
	/**
	 * Posts `reply` to the channel for everyone and resolves to the posted message's reference,
	 * an opaque string only the adapter decodes (e.g. "slack:C1:1700000000.1"). Throws
	 * ChannelGoneError when the channel no longer exists or the bot lost access to it; any other
	 * error is transient (the post may be retried later).
	 */
	post(channelId: string, reply: Reply): Promise<string>;
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
