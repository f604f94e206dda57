/**
 * What Discord checks of a message body before it accepts it, written from Discord's documented
 * limits independently of the adapter's own table (so that a wrong number there fails a test
 * here): 400 with code 50035 "Invalid Form Body" and the field that broke, or 50006 for an
 * empty message. Also the shape of a stored message, as the REST API returns it.
 */

export interface StoredAttachment {
	readonly id: string;
	readonly filename: string;
	readonly description?: string;
	readonly content_type?: string;
	readonly size: number;
	/** The bytes, for tests that read an attached report. */
	readonly data: Uint8Array;
}

export interface StoredMessage {
	readonly id: string;
	readonly channel_id: string;
	content: string;
	embeds: Embed[];
	components: Row[];
	attachments: StoredAttachment[];
	flags: number;
	readonly message_reference?: { readonly message_id: string };
	readonly webhook_id?: string;
	readonly interactionId?: string;
	edited: number;
	readonly timestamp: string;
	readonly nonce?: string;
}

interface Embed {
	readonly title?: string;
	readonly description?: string;
	readonly fields?: readonly { readonly name: string; readonly value: string }[];
	readonly footer?: { readonly text: string };
	readonly image?: { readonly url: string };
}

interface Row {
	readonly type: number;
	readonly components: readonly { readonly type: number; readonly custom_id?: string; readonly label?: string; readonly style?: number }[];
}

export interface MessageBody {
	readonly content?: string;
	readonly embeds?: readonly Embed[];
	readonly components?: readonly Row[];
	readonly attachments?: readonly { readonly id: string | number; readonly filename?: string; readonly description?: string }[];
	readonly flags?: number;
	readonly message_reference?: { readonly message_id: string };
	readonly allowed_mentions?: unknown;
	/** Discord keeps a nonce a few minutes; with enforce_nonce a second post of it returns the first message. */
	readonly nonce?: string | number;
	readonly enforce_nonce?: boolean;
}

export interface Upload {
	readonly name: string;
	readonly type: string;
	readonly data: Uint8Array;
}

export class BodyError extends Error {
	readonly code: number;
	readonly field: string;

	constructor(code: number, message: string, field = "") {
		super(message);
		this.code = code;
		this.field = field;
	}
}

const check = (ok: boolean, field: string, message: string) => {
	if (!ok) throw new BodyError(50035, `Invalid Form Body: ${field}: ${message}`, field);
};

/** Throws BodyError unless Discord would accept the body (for a new message, or an edit when `edit`). */
export function checkMessage(body: MessageBody, uploads: readonly Upload[], edit = false): void {
	const content = body.content ?? "";
	check(content.length <= 2000, "content", "Must be 2000 or fewer in length.");
	const embeds = body.embeds ?? [];
	check(embeds.length <= 10, "embeds", "Must be 10 or fewer in length.");
	let total = 0;
	embeds.forEach((embed, i) => {
		const at = `embeds.${i}`;
		check((embed.title?.length ?? 0) <= 256, `${at}.title`, "Must be 256 or fewer in length.");
		check((embed.description?.length ?? 0) <= 4096, `${at}.description`, "Must be 4096 or fewer in length.");
		check((embed.fields?.length ?? 0) <= 25, `${at}.fields`, "Must be 25 or fewer in length.");
		for (const [j, field] of (embed.fields ?? []).entries()) {
			check(field.name.length >= 1 && field.name.length <= 256, `${at}.fields.${j}.name`, "Must be between 1 and 256 in length.");
			check(field.value.length >= 1 && field.value.length <= 1024, `${at}.fields.${j}.value`, "Must be between 1 and 1024 in length.");
		}
		check((embed.footer?.text.length ?? 0) <= 2048, `${at}.footer.text`, "Must be 2048 or fewer in length.");
		total +=
			(embed.title?.length ?? 0) +
			(embed.description?.length ?? 0) +
			(embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0) +
			(embed.footer?.text.length ?? 0);
	});
	check(total <= 6000, "embeds", "Embed size exceeds maximum size of 6000");
	const rows = body.components ?? [];
	check(rows.length <= 5, "components", "Must be 5 or fewer in length.");
	const ids = new Set<string>();
	rows.forEach((row, i) => {
		check(
			row.type === 1 && row.components.length >= 1 && row.components.length <= 5,
			`components.${i}.components`,
			"Must be between 1 and 5 in length.",
		);
		row.components.forEach((button, j) => {
			const at = `components.${i}.components.${j}`;
			check((button.label?.length ?? 0) >= 1 && (button.label?.length ?? 0) <= 80, `${at}.label`, "Must be between 1 and 80 in length.");
			const id = button.custom_id ?? "";
			check(id.length >= 1 && id.length <= 100, `${at}.custom_id`, "Must be between 1 and 100 in length.");
			check(!ids.has(id), `${at}.custom_id`, "Component custom id cannot be duplicated");
			ids.add(id);
		});
	});
	check(uploads.length <= 10, "files", "Must be 10 or fewer in length.");
	for (const upload of uploads) check(upload.data.byteLength <= 10 * 1024 * 1024, "files", "Request entity too large");
	if (!edit && content === "" && embeds.length === 0 && uploads.length === 0) throw new BodyError(50006, "Cannot send an empty message");
}

/** The attachments a body keeps or adds: new uploads by index, with their descriptions. */
export function attachmentsOf(body: MessageBody, uploads: readonly Upload[], nextId: () => string): StoredAttachment[] {
	return uploads.map((upload, index) => {
		const meta = body.attachments?.find((a) => String(a.id) === String(index));
		return {
			id: nextId(),
			filename: upload.name,
			size: upload.data.byteLength,
			content_type: upload.type,
			data: upload.data,
			...(meta?.description === undefined ? {} : { description: meta.description }),
		};
	});
}

/** A stored message as the REST API returns it (attachments without their bytes). */
export function messageJson(message: StoredMessage, botUser: { readonly id: string; readonly username: string }): Record<string, unknown> {
	return {
		id: message.id,
		channel_id: message.channel_id,
		type: message.message_reference ? 19 : 0,
		content: message.content,
		embeds: message.embeds,
		components: message.components,
		attachments: message.attachments.map(({ data: _data, ...rest }) => ({
			...rest,
			url: `https://cdn.invalid/${rest.id}/${rest.filename}`,
		})),
		flags: message.flags,
		author: { id: botUser.id, username: botUser.username, discriminator: "0", global_name: null, avatar: null, bot: true },
		timestamp: message.timestamp,
		edited_timestamp: message.edited > 0 ? new Date().toISOString() : null,
		tts: false,
		mention_everyone: false,
		mentions: [],
		mention_roles: [],
		pinned: false,
		...(message.webhook_id ? { webhook_id: message.webhook_id } : {}),
		...(message.message_reference ? { message_reference: message.message_reference } : {}),
	};
}
