/**
 * The Discord renderer: a neutral reply as the messages that show it. Its own content becomes
 * embeds (render-embeds.ts) or plain content, its buttons rows of five carrying the core's ids,
 * its image and files attachments; its thread follows as the next messages, packed as tightly
 * as Discord allows. Whatever would pass a limit (discord-limits.ts) is cut with a visible
 * marker and the whole reply attached as a text file: never an API error, never silence.
 */
import { parseMarkup, plainText } from "../../src/reply/markup.ts";
import type { Reply, ReplyButton } from "../../src/reply.ts";
import { encodeButtonId } from "../../src/router/button-id.ts";
import {
	type DiscordActionRow,
	type DiscordButton,
	type DiscordEmbed,
	type DiscordFile,
	type DiscordMessage,
	discordMessageSchema,
	embedLength,
	DISCORD_LIMITS as L,
} from "./discord-limits.ts";
import { escapeInline } from "./discord-markdown.ts";
import { clip, replyContent } from "./render-embeds.ts";
import { fileNameFor, replyText } from "./reply-text.ts";

/** At most this many messages for one reply (its own and its thread's); the rest is in the file. */
export const MAX_MESSAGES_PER_REPLY = 5;

export interface RenderOptions {
	/** Only the reply's own message, for an update that replaces one message (its thread stays as it was). */
	readonly single?: boolean;
}

const STYLE = { primary: 1, danger: 4 } as const;
const encoder = new TextEncoder();

function rows(buttons: readonly ReplyButton[], ids: readonly string[]): DiscordActionRow[] {
	const all: DiscordButton[] = buttons.map((button, i) => ({
		type: 2,
		style: button.style === undefined ? 2 : STYLE[button.style],
		label: clip(button.label.replace(/\s+/g, " ").trim(), L.buttonLabel) || "…",
		custom_id: ids[i] ?? "",
	}));
	const out: DiscordActionRow[] = [];
	for (let i = 0; i < all.length; i += L.buttonsPerRow) out.push({ type: 1, components: all.slice(i, i + L.buttonsPerRow) });
	return out;
}

function filesOf(reply: Reply): { files: DiscordFile[]; notes: string[] } {
	const files: DiscordFile[] = [];
	const notes: string[] = [];
	if (reply.image) {
		files.push({
			name: "image.png",
			contentType: "image/png",
			data: reply.image.png,
			description: clip(reply.image.alt, L.attachmentDescription),
		});
	}
	for (const file of reply.files ?? []) {
		const data = typeof file.content === "string" ? encoder.encode(file.content) : file.content;
		if (data.byteLength > L.fileBytes) {
			notes.push(`${escapeInline(file.title ?? file.name)}: too large to attach here (${(data.byteLength / 1048576).toFixed(1)} MB)`);
			continue;
		}
		files.push({
			name: file.name,
			contentType: file.mediaType,
			data,
			...(file.title ? { description: clip(file.title, L.attachmentDescription) } : {}),
		});
		if (file.title) notes.push(`📎 ${escapeInline(file.title)}`);
	}
	return { files, notes };
}

interface Draft {
	content: string[];
	embeds: DiscordEmbed[];
	components: DiscordActionRow[];
	files: DiscordFile[];
}

const emptyDraft = (): Draft => ({ content: [], embeds: [], components: [], files: [] });
const charsOf = (embeds: readonly DiscordEmbed[]) => embeds.reduce((sum, embed) => sum + embedLength(embed), 0);

/** The words a reply's own message says, lower case, white space folded. */
function plainOf(reply: Reply): string {
	const plain = (text: string | undefined) => (text === undefined ? "" : plainText(parseMarkup(text)));
	return [reply.header, plain(reply.text), ...(reply.fields ?? []).flatMap((f) => [f.label, plain(f.value)]), plain(reply.footer)]
		.join("\n")
		.replace(/[ \t]+/g, " ")
		.toLowerCase();
}

/** One reply's own message parts: content or embeds, button rows, files. Button slots count on across the thread. */
function partsOf(reply: Reply, fileName: string, slot: { next: number }) {
	const content = replyContent(reply, fileName);
	const buttons = reply.buttons ?? [];
	const ids = buttons.map((button, i) => encodeButtonId(button, slot.next + i));
	slot.next += buttons.length;
	const { files, notes } = filesOf(reply);
	// A label cut to 80 characters loses nothing when the reply's text says it in full (a quiz's options).
	const long = buttons.map((button) => button.label.replace(/\s+/g, " ").trim()).filter((label) => label.length > L.buttonLabel);
	const said = long.length > 0 ? plainOf(reply) : "";
	const clippedLabel = long.some((label) => !said.includes(label.toLowerCase()));
	return { content, rows: rows(buttons, ids), buttons: buttons.length, files, notes, cut: content.cut || clippedLabel };
}

/**
 * The messages that show `reply`: its own first, then its thread's. Button ids are the core's
 * (buttonIds over the reply's buttons, then each thread reply's), unique across the messages.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): DiscordMessage[] {
	const fileName = fileNameFor(reply);
	const slot = { next: 0 };
	const messages: Draft[] = [];
	let cut = false;
	const own = partsOf(reply, fileName, slot);
	cut ||= own.cut;
	const ownRows = own.rows;
	const first: Draft = {
		content: [...(own.content.content === undefined ? [] : [own.content.content]), ...own.notes],
		embeds: [...own.content.embeds],
		components: ownRows.slice(0, L.rowsPerMessage),
		files: own.files.slice(0, L.filesPerMessage),
	};
	messages.push(first);
	// More than 25 buttons or 10 files: the rest follow in messages of their own.
	for (
		let r = L.rowsPerMessage, f = L.filesPerMessage;
		r < ownRows.length || f < own.files.length;
		r += L.rowsPerMessage, f += L.filesPerMessage
	) {
		if (options.single) {
			cut = true;
			break;
		}
		messages.push({
			...emptyDraft(),
			content: ["(continued)"],
			components: ownRows.slice(r, r + L.rowsPerMessage),
			files: own.files.slice(f, f + L.filesPerMessage),
		});
	}
	if (!options.single) cut = packThread(reply.thread ?? [], fileName, slot, messages) || cut;
	if (messages.length > MAX_MESSAGES_PER_REPLY) {
		messages.length = MAX_MESSAGES_PER_REPLY;
		cut = true;
	}
	if (cut) attachWhole(reply, fileName, messages);
	return messages.map(finish);
}

/** The thread's replies after the reply's own message, as many in one message as the limits allow. Returns whether something was cut. */
function packThread(thread: readonly Reply[], fileName: string, slot: { next: number }, messages: Draft[]): boolean {
	let cut = false;
	let current: Draft | undefined;
	for (const child of thread) {
		const parts = partsOf(child, fileName, slot);
		cut ||= parts.cut;
		const childRows = parts.rows.slice(0, L.rowsPerMessage);
		cut ||= parts.rows.length > L.rowsPerMessage;
		const childFiles = parts.files.slice(0, L.filesPerMessage);
		const embeds = parts.content.content === undefined ? parts.content.embeds : [{ description: parts.content.content }];
		const fits =
			current !== undefined &&
			current.embeds.length + embeds.length <= L.embedsPerMessage &&
			charsOf(current.embeds) + charsOf(embeds) <= L.embedsTotal &&
			current.components.length + childRows.length <= L.rowsPerMessage &&
			current.files.length + childFiles.length <= L.filesPerMessage;
		if (!fits || current === undefined) {
			current = emptyDraft();
			messages.push(current);
		}
		current.embeds.push(...embeds);
		current.components.push(...childRows);
		current.files.push(...childFiles);
		current.content.push(...parts.notes);
	}
	return cut;
}

/** The whole reply as a text file on its first message (or the next message with room for a file). */
function attachWhole(reply: Reply, fileName: string, messages: Draft[]): void {
	const file: DiscordFile = {
		name: fileName,
		contentType: "text/plain; charset=utf-8",
		data: encoder.encode(replyText(reply)),
		description: "The whole reply",
	};
	const host = messages.find((message) => message.files.length < L.filesPerMessage);
	if (host) host.files.push(file);
	else messages.push({ ...emptyDraft(), content: ["The whole reply:"], files: [file] });
	const first = messages[0];
	if (first && first.embeds.length === 0 && !first.content.some((line) => line.includes(fileName))) {
		first.content.push(`*The whole reply is in the attached file* \`${fileName}\``);
	}
}

/** A draft as a message; one that would still break a limit (a bug) becomes a short note with the whole reply attached. */
function finish(draft: Draft): DiscordMessage {
	const content = clip(draft.content.join("\n"), L.content);
	const message: DiscordMessage = {
		...(content === "" ? {} : { content }),
		embeds: draft.embeds,
		components: draft.components,
		files: draft.files,
	};
	return discordMessageSchema.safeParse(message).success ? message : fallback(draft);
}

function fallback(draft: Draft): DiscordMessage {
	const text = [
		...draft.content,
		...draft.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]),
	]
		.filter((part): part is string => part !== undefined)
		.join("\n");
	return {
		content: "This message did not fit in Discord's limits; here it is as a file.",
		embeds: [],
		components: draft.components.slice(0, L.rowsPerMessage),
		files: [{ name: "message.txt", contentType: "text/plain; charset=utf-8", data: encoder.encode(text) }, ...draft.files].slice(
			0,
			L.filesPerMessage,
		),
	};
}
