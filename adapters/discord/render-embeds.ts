/**
 * One reply's own content (header, text, table, fields, footer) as embeds within a budget of
 * characters and embeds. Text longer than a description or a field value continues in the next
 * one at a line break; what does not fit the budget is left out behind a visible marker (the
 * renderer then attaches the whole reply as a file). A short plain reply stays plain content.
 */
import { type MarkupToken, parseMarkup, plainText } from "../../src/reply/markup.ts";
import type { Reply, ReplyTable } from "../../src/reply.ts";
import { type DiscordEmbed, type DiscordEmbedField, DISCORD_LIMITS as L } from "./discord-limits.ts";
import { escapeInline, markdownChunks } from "./discord-markdown.ts";

/** Kubernetes blue: every embed of the bot has it, so its messages read as one voice. */
const COLOR = 0x326ce5;
const BLANK = "\u200b";
const ELLIPSIS = "…";
/** Room kept for the marker that says where a cut reply continues. */
const MARKER_ROOM = 160;

export const cutMarker = (fileName: string): string => `${ELLIPSIS} *cut here: the whole reply is in the attached file* \`${fileName}\``;

/** Cuts plain text to `max` characters, with an ellipsis when it was longer. */
export function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}${ELLIPSIS}`;
}

export interface ReplyContent {
	/** Set when the reply is short plain text: a message's content, no embed. */
	readonly content?: string;
	readonly embeds: readonly DiscordEmbed[];
	/** Something did not fit: the caller attaches the whole reply. */
	readonly cut: boolean;
}

function tableText(table: ReplyTable): string {
	const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? "").length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, i) => cell.replace(/\s+/g, " ").padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	return [line(table.columns), line(widths.map((w) => "-".repeat(w))), ...table.rows.map(line)].join("\n");
}

type Piece =
	| { readonly kind: "title"; readonly text: string }
	| { readonly kind: "description"; readonly text: string }
	| { readonly kind: "field"; readonly field: DiscordEmbedField };

function pieces(reply: Reply): { readonly list: Piece[]; readonly clipped: boolean } {
	const list: Piece[] = [];
	let clipped = false;
	if (reply.header) {
		const full = escapeInline(reply.header.replace(/\s+/g, " "));
		const title = clip(full, L.embedTitle);
		clipped ||= title !== full;
		list.push({ kind: "title", text: title });
	}
	const tokens: MarkupToken[] = reply.text ? parseMarkup(reply.text) : [];
	if (reply.table)
		tokens.push(...(tokens.length > 0 ? [{ kind: "lineBreak" } as const] : []), { kind: "codeBlock", text: tableText(reply.table) });
	for (const text of markdownChunks(tokens, L.embedDescription)) list.push({ kind: "description", text });
	for (const field of reply.fields ?? []) {
		const name = clip(escapeInline(field.label.replace(/\s+/g, " ")), L.fieldName) || BLANK;
		clipped ||= name.endsWith(ELLIPSIS) && !field.label.endsWith(ELLIPSIS);
		const values = markdownChunks(parseMarkup(field.value), L.fieldValue);
		if (values.length === 0) values.push(BLANK);
		values.forEach((value, i) => {
			list.push({ kind: "field", field: { name: i === 0 ? name : BLANK, value } });
		});
	}
	return { list, clipped };
}

const sizeOf = (piece: Piece) => (piece.kind === "field" ? piece.field.name.length + piece.field.value.length : piece.text.length);

/**
 * The reply's content in at most `maxEmbeds` embeds of at most `maxChars` characters in all,
 * with `fileName` named in the marker when something is left out.
 */
export function replyContent(
	reply: Reply,
	fileName: string,
	maxChars: number = L.embedsTotal,
	maxEmbeds: number = L.embedsPerMessage,
): ReplyContent {
	if (!reply.header && !reply.fields?.length && !reply.table && !reply.footer) {
		const chunks = markdownChunks(reply.text ? parseMarkup(reply.text) : [], L.content);
		if (chunks.length <= 1) return { content: chunks[0] ?? BLANK, embeds: [], cut: false };
	}
	const footer = reply.footer ? clip(plainText(parseMarkup(reply.footer)).trim(), L.footer) : "";
	const { list, clipped } = pieces(reply);
	let cut = clipped;
	let room = maxChars - footer.length - MARKER_ROOM;
	const embeds: { title?: string; description?: string; fields: DiscordEmbedField[] }[] = [];
	const fresh = () => {
		if (embeds.length >= maxEmbeds - 1) return false;
		embeds.push({ fields: [] });
		return true;
	};
	for (const piece of list) {
		const size = sizeOf(piece);
		let last = embeds.at(-1);
		const needsNew =
			last === undefined ||
			(piece.kind === "title" && (last.title !== undefined || last.description !== undefined || last.fields.length > 0)) ||
			(piece.kind === "description" && (last.description !== undefined || last.fields.length > 0)) ||
			(piece.kind === "field" && last.fields.length >= L.fieldsPerEmbed);
		if (size > room || (needsNew && !fresh())) {
			cut = true;
			break;
		}
		last = embeds.at(-1) as (typeof embeds)[number];
		if (piece.kind === "title") last.title = piece.text;
		else if (piece.kind === "description") last.description = piece.text;
		else last.fields.push(piece.field);
		room -= size;
	}
	if (embeds.length === 0) embeds.push({ fields: [] });
	const last = embeds.at(-1) as (typeof embeds)[number];
	if (cut) {
		const marker = cutMarker(fileName);
		if (last.fields.length === 0 && (last.description?.length ?? 0) + marker.length + 2 <= L.embedDescription) {
			last.description = last.description === undefined ? marker : `${last.description}\n\n${marker}`;
		} else if (last.fields.length < L.fieldsPerEmbed) last.fields.push({ name: BLANK, value: marker });
		else embeds.push({ description: marker, fields: [] });
	}
	return {
		embeds: embeds.map((embed, i) => ({
			...(embed.title === undefined ? {} : { title: embed.title }),
			...(embed.description === undefined ? {} : { description: embed.description }),
			...(embed.fields.length === 0 ? {} : { fields: embed.fields }),
			...(i === embeds.length - 1 && footer !== "" ? { footer: { text: footer } } : {}),
			color: COLOR,
		})),
		cut,
	};
}
