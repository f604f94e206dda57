/**
 * Discord's limits on a message, as data: the renderer reads them to fit every reply, the zod
 * schema below checks a rendered message against them (the renderer's last guard, and the
 * tests'), and the test stand-in refuses what passes them as Discord does (400, code 50035).
 * Lengths are counted in UTF-16 code units, which is never fewer than Discord's characters.
 */
import { z } from "zod";

export const DISCORD_LIMITS = {
	/** Characters of a message's plain content. */
	content: 2000,
	embedsPerMessage: 10,
	embedTitle: 256,
	embedDescription: 4096,
	fieldsPerEmbed: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	/** Characters of every title, description, field name and value and footer of a message's embeds together. */
	embedsTotal: 6000,
	rowsPerMessage: 5,
	buttonsPerRow: 5,
	customId: 100,
	buttonLabel: 80,
	filesPerMessage: 10,
	/** Bytes of one attachment a bot may upload without a boosted server. */
	fileBytes: 10 * 1024 * 1024,
	/** An attachment's description (its alt text). */
	attachmentDescription: 1024,
	/** Autocomplete: choices in one answer, characters of a choice's name and of its value. */
	autocompleteChoices: 25,
	choiceName: 100,
	choiceValue: 100,
} as const;

export interface DiscordEmbedField {
	readonly name: string;
	readonly value: string;
	readonly inline?: boolean;
}

export interface DiscordEmbed {
	readonly title?: string;
	readonly description?: string;
	readonly fields?: readonly DiscordEmbedField[];
	readonly footer?: { readonly text: string };
	readonly color?: number;
}

export interface DiscordButton {
	readonly type: 2;
	/** 1 primary, 2 secondary, 4 danger. */
	readonly style: 1 | 2 | 4;
	readonly label: string;
	readonly custom_id: string;
}

export interface DiscordActionRow {
	readonly type: 1;
	readonly components: readonly DiscordButton[];
}

export interface DiscordFile {
	readonly name: string;
	readonly contentType: string;
	readonly data: Uint8Array;
	/** Alt text, shown for images and read by screen readers. */
	readonly description?: string;
}

/** One message as the renderer makes it; the adapter adds flags and allowed mentions when it sends it. */
export interface DiscordMessage {
	readonly content?: string;
	readonly embeds: readonly DiscordEmbed[];
	readonly components: readonly DiscordActionRow[];
	readonly files: readonly DiscordFile[];
}

const L = DISCORD_LIMITS;
const text = (max: number) => z.string().min(1).max(max);

/** Characters of an embed that count toward the 6,000 of a message. */
export function embedLength(embed: {
	readonly title?: string | undefined;
	readonly description?: string | undefined;
	readonly fields?: readonly { readonly name: string; readonly value: string }[] | undefined;
	readonly footer?: { readonly text: string } | undefined;
}): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
		(embed.footer?.text.length ?? 0)
	);
}

const embedSchema = z
	.object({
		title: text(L.embedTitle).optional(),
		description: text(L.embedDescription).optional(),
		fields: z
			.array(z.object({ name: text(L.fieldName), value: text(L.fieldValue), inline: z.boolean().optional() }))
			.max(L.fieldsPerEmbed)
			.optional(),
		footer: z.object({ text: text(L.footer) }).optional(),
		color: z.number().int().min(0).max(0xffffff).optional(),
	})
	.refine((embed) => embedLength(embed) > 0, "an embed shows something");

const buttonSchema = z.object({
	type: z.literal(2),
	style: z.union([z.literal(1), z.literal(2), z.literal(4)]),
	label: text(L.buttonLabel),
	custom_id: text(L.customId),
});

/** A message Discord accepts: every limit above, and never empty. */
export const discordMessageSchema = z
	.object({
		content: text(L.content).optional(),
		embeds: z.array(embedSchema).max(L.embedsPerMessage),
		components: z
			.array(z.object({ type: z.literal(1), components: z.array(buttonSchema).min(1).max(L.buttonsPerRow) }))
			.max(L.rowsPerMessage),
		files: z
			.array(
				z.object({
					name: z.string().min(1).max(200),
					contentType: z.string(),
					data: z.instanceof(Uint8Array).refine((data) => data.byteLength <= L.fileBytes, "a file within the upload limit"),
					description: text(L.attachmentDescription).optional(),
				}),
			)
			.max(L.filesPerMessage),
	})
	.refine((message) => message.embeds.reduce((sum, embed) => sum + embedLength(embed), 0) <= L.embedsTotal, {
		message: `at most ${L.embedsTotal} characters in all embeds`,
	})
	.refine((message) => message.content !== undefined || message.embeds.length > 0 || message.files.length > 0, {
		message: "a message with content, an embed or a file",
	})
	.refine(
		(message) => {
			const ids = message.components.flatMap((row) => row.components.map((button) => button.custom_id));
			return new Set(ids).size === ids.length;
		},
		{ message: "custom ids unique in a message" },
	);
