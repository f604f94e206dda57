/**
 * The neutral reply model. The core answers every command with replies of this shape; each chat
 * adapter renders them in its own format (Block Kit, embeds and components, plain text) and
 * applies its platform's limits. No platform type appears here.
 */

/** A button the user can press; `action` names what the core does with it, `value` its argument. */
export interface ReplyButton {
	readonly action: string;
	readonly label: string;
	readonly value: string;
	readonly style?: "primary" | "danger";
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

export interface Reply {
	readonly header?: string;
	/** Light markup: `*bold*`, `_italic_`, `` `code` `` and ``` fenced blocks ```; adapters translate it. */
	readonly text?: string;
	readonly fields?: readonly ReplyField[];
	readonly table?: ReplyTable;
	readonly buttons?: readonly ReplyButton[];
	readonly image?: ReplyImage;
	readonly footer?: string;
	/** `private`: only the person who asked sees it (ephemeral in Slack and Discord). */
	readonly visibility?: "channel" | "private";
}
