/**
 * A whole reply as plain text: what Discord attaches when a reply does not fit in its messages,
 * so that nothing is ever dropped. Markup is read through the core's tokens; code stays verbatim.
 */
import { parseMarkup, plainText } from "../../src/reply/markup.ts";
import type { Reply, ReplyTable } from "../../src/reply.ts";

const plain = (text: string) => plainText(parseMarkup(text));

function table(t: ReplyTable): string {
	const widths = t.columns.map((column, i) => Math.max(column.length, ...t.rows.map((row) => (row[i] ?? "").length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, i) => cell.padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	return [line(t.columns), line(widths.map((w) => "-".repeat(w))), ...t.rows.map(line)].join("\n");
}

export function replyText(reply: Reply): string {
	const parts: string[] = [];
	if (reply.header) parts.push(reply.header, "=".repeat(Math.min(reply.header.length, 80)));
	if (reply.text) parts.push(plain(reply.text));
	for (const field of reply.fields ?? []) parts.push(`${field.label}:\n${plain(field.value)}`);
	if (reply.table) parts.push(table(reply.table));
	if (reply.image) parts.push(`[image: ${reply.image.alt}]`);
	if (reply.buttons?.length) parts.push(`Buttons: ${reply.buttons.map((button) => button.label).join(" · ")}`);
	if (reply.footer) parts.push(`-- ${plain(reply.footer)}`);
	for (const file of reply.files ?? []) parts.push(`[file: ${file.title ?? file.name} (${file.name})]`);
	for (const child of reply.thread ?? []) parts.push(replyText(child));
	return `${parts.join("\n\n")}\n`;
}

/** A file name from a header: "Readiness of demo: 87/100" → "readiness-of-demo-87-100.txt". */
export function fileNameFor(reply: Reply, fallback = "reply"): string {
	const slug = (reply.header ?? "")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, 60);
	return `${slug || fallback}.txt`;
}
