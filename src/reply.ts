/**
 * The neutral reply model. The core answers every command with replies of this shape; each chat
 * adapter renders them in its own format (Block Kit, embeds and components, plain text) and
 * applies its platform's limits. No platform type appears here.
 *
 * `text`, field values and `footer` are light markup (src/reply/markup.ts: `*bold*`, `_italic_`,
 * `` `code` ``, fenced code blocks, `[label](https://...)`), which renderers read as tokens from
 * parseMarkup. Headers, field labels, table cells, button labels and file titles are plain text.
 */

/**
 * A button the user can press; `action` names what the core does with it, `value` its argument.
 * Adapters never read these: they show the label and carry the id that encodeButtonId
 * (src/router/button-id.ts) makes of the action and value.
 */
export interface ReplyButton {
	readonly action: string;
	readonly label: string;
	readonly value: string;
	readonly style?: "primary" | "danger";
	/**
	 * The letter of the quiz option this button picks ("A"), so that a text-only chat can let the
	 * learner type it: the console presses it when `a` is typed, on the newest open quiz.
	 */
	readonly option?: string;
}

export interface ReplyField {
	readonly label: string;
	readonly value: string;
}

export interface ReplyTable {
	readonly columns: readonly string[];
	readonly rows: readonly (readonly string[])[];
}

export interface ReplyImage {
	readonly alt: string;
	/** A PNG, for adapters that upload files. */
	readonly png: Uint8Array;
}

/** A file that goes with a reply: a CSV, the whole text of a report too long for the platform. */
export interface ReplyFile {
	/** File name with its extension: "readiness-payments.txt". */
	readonly name: string;
	/** "text/plain", "text/csv", "application/json", ... */
	readonly mediaType: string;
	readonly content: string | Uint8Array;
	readonly title?: string;
}

export interface Reply {
	readonly header?: string;
	readonly text?: string;
	readonly fields?: readonly ReplyField[];
	readonly table?: ReplyTable;
	readonly buttons?: readonly ReplyButton[];
	readonly image?: ReplyImage;
	readonly files?: readonly ReplyFile[];
	readonly footer?: string;
	/** `private`: only the person who asked sees it (ephemeral in Slack and Discord); default `channel`. */
	readonly visibility?: "channel" | "private";
	/** Replies posted as a thread under this one (the full readiness report under its channel summary). */
	readonly thread?: readonly Reply[];
}
