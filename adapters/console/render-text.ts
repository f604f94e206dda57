/**
 * The console renderer: a neutral reply as plain terminal text. It maps the core's markup tokens
 * (src/reply/markup.ts) and parses nothing itself: code stays verbatim, in backticks; code blocks
 * are indented; links show their address. Control characters from content are neutralised, so a
 * reply cannot move the cursor or clear the screen.
 */
import { type MarkupToken, parseMarkup } from "../../src/reply/markup.ts";
import type { Reply, ReplyTable } from "../../src/reply.ts";

export interface RenderOptions {
	/** The number shown for each button, in order (default 1, 2, ...). */
	readonly buttonNumbers?: readonly number[];
	/** Where each of the reply's files was saved, in order (a file without one says so). */
	readonly savedFiles?: readonly (string | undefined)[];
	/** Where the reply's image was saved as a PNG. */
	readonly savedImage?: string;
}

export function renderText(reply: Reply, options: RenderOptions = {}): string {
	const out: string[] = [];
	if (reply.header) out.push(`== ${safe(reply.header)} ==`);
	if (reply.text) out.push(markup(reply.text));
	for (const field of reply.fields ?? []) {
		out.push(`${safe(field.label)}:`);
		out.push(indent(markup(field.value), "  "));
	}
	if (reply.table) out.push(renderTable(reply.table));
	if (reply.image) out.push(`[image: ${safe(reply.image.alt)}]${options.savedImage === undefined ? "" : ` ${safe(options.savedImage)}`}`);
	const buttons = reply.buttons ?? [];
	if (buttons.length > 0) {
		out.push(buttons.map((button, i) => `[${options.buttonNumbers?.[i] ?? i + 1}] ${safe(button.label)}`).join("\n"));
	}
	if (reply.footer) out.push(`-- ${markup(reply.footer)}`);
	for (const [i, file] of (reply.files ?? []).entries()) {
		const where = options.savedFiles?.[i];
		out.push(`[file] ${safe(file.title ?? file.name)}: ${where === undefined ? `${safe(file.name)} (not saved)` : safe(where)}`);
	}
	return out.join("\n");
}

export function renderTable(table: ReplyTable): string {
	const columns = table.columns.map(safe);
	const rows = table.rows.map((row) => row.map(safe));
	const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => (row[i] ?? "").length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, i) => cell.padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	return [line(columns), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Reply markup as terminal text. */
export function markup(text: string): string {
	return safe(parseMarkup(text).map(tokenText).join(""));
}

function tokenText(token: MarkupToken): string {
	switch (token.kind) {
		case "text":
		case "bold":
		case "italic":
			return token.text;
		case "code":
			return `\`${token.text}\``;
		case "codeBlock":
			return indent(token.text, "    ");
		case "link":
			return token.label === token.url ? token.url : `${token.label} <${token.url}>`;
		case "lineBreak":
			return "\n";
	}
}

/** Terminal control characters (escape sequences, carriage returns) shown as a replacement mark; line breaks and tabs kept. */
function safe(text: string): string {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
	return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd");
}

export function indent(text: string, by: string): string {
	return text
		.split("\n")
		.map((line) => `${by}${line}`)
		.join("\n");
}
