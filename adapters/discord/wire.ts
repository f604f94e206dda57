/**
 * A rendered message on the wire: a REST body with its files, for the ChatPort's posts and edits
 * and for an interaction's responses alike (@discordjs/rest sends files as multipart with the body
 * as payload_json). Every message mentions nobody: course text or a quoted question never pings anyone.
 */
import type { RawFile } from "@discordjs/rest";
import type { DiscordMessage } from "./discord-limits.ts";

const NO_MENTIONS = { parse: [] as never[] };

export interface RestMessage {
	readonly body: Record<string, unknown>;
	readonly files: RawFile[];
}

/**
 * A new message (`edit` false) or the whole new content of one (`edit` true: what is not given is
 * cleared, and its attachments are replaced by the message's own). `flags`: 64 for a private
 * (ephemeral) answer to an interaction. `nonce` (at most 25 characters) goes with enforce_nonce:
 * Discord answers a second post of the same nonce, for a few minutes, with the first message
 * instead of posting again.
 */
export function restMessage(
	message: DiscordMessage,
	options: { readonly edit?: boolean; readonly replyTo?: string; readonly nonce?: string; readonly flags?: number } = {},
): RestMessage {
	return {
		body: {
			...(message.content !== undefined || options.edit ? { content: message.content ?? "" } : {}),
			embeds: message.embeds,
			components: message.components,
			attachments: message.files.map((file, id) => ({
				id,
				filename: file.name,
				...(file.description ? { description: file.description } : {}),
			})),
			allowed_mentions: NO_MENTIONS,
			...(options.replyTo ? { message_reference: { message_id: options.replyTo, fail_if_not_exists: false } } : {}),
			...(options.nonce ? { nonce: options.nonce, enforce_nonce: true } : {}),
			...(options.flags ? { flags: options.flags } : {}),
		},
		files: message.files.map((file) => ({ name: file.name, data: Buffer.from(file.data), contentType: file.contentType })),
	};
}
