/**
 * A rendered message on the wire: as a REST body with its files (the ChatPort's posts and
 * edits through @discordjs/rest), and as discord.js's options for answering an interaction.
 * Every message mentions nobody: course text or a quoted question never pings anyone.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, AttachmentPayload, RawFile } from "discord.js";
import type { DiscordMessage } from "./discord-limits.ts";

const NO_MENTIONS = { parse: [] as never[] };

export interface RestMessage {
	readonly body: Record<string, unknown>;
	readonly files: RawFile[];
}

const embeds = (message: DiscordMessage) => message.embeds as APIEmbed[];
const components = (message: DiscordMessage) => message.components as unknown as APIActionRowComponent<APIComponentInMessageActionRow>[];

/** A new message (`edit` false) or the whole new content of one (`edit` true: what is not given is cleared). */
/**
 * `nonce` (at most 25 characters) goes with enforce_nonce: Discord answers a second post of the
 * same nonce, for a few minutes, with the first message instead of posting again.
 */
export function restMessage(
	message: DiscordMessage,
	options: { readonly edit?: boolean; readonly replyTo?: string; readonly nonce?: string } = {},
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
		},
		files: message.files.map((file) => ({ name: file.name, data: Buffer.from(file.data), contentType: file.contentType })),
	};
}

/** What discord.js's reply, followUp and editReply take (flags added by the caller for the first two). */
export interface InteractionMessage {
	readonly content?: string;
	readonly embeds: APIEmbed[];
	readonly components: APIActionRowComponent<APIComponentInMessageActionRow>[];
	readonly files: AttachmentPayload[];
	readonly attachments: never[];
	readonly allowedMentions: typeof NO_MENTIONS;
}

/** `edit`: the whole new content of the response (what is not given is cleared). */
export function interactionMessage(message: DiscordMessage, edit = false): InteractionMessage {
	return {
		...(message.content !== undefined || edit ? { content: message.content ?? "" } : {}),
		embeds: embeds(message),
		components: components(message),
		files: message.files.map((file) => ({
			attachment: Buffer.from(file.data),
			name: file.name,
			...(file.description ? { description: file.description } : {}),
		})),
		// An edit replaces the attachments of what it edits (a "Checking ..." note has none to keep).
		attachments: [],
		allowedMentions: NO_MENTIONS,
	};
}
