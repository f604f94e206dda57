import type { Reply, ReplyTable } from "../../src/reply.ts";

/** Renders a neutral reply as plain terminal text; buttons become numbered choices. */
export function renderText(reply: Reply, firstButtonNumber = 1): string {
	const out: string[] = [];
	if (reply.header) out.push(`== ${reply.header} ==`);
	if (reply.text) out.push(plain(reply.text));
	for (const field of reply.fields ?? []) {
		out.push(`${field.label}:`);
		out.push(indent(plain(field.value)));
	}
	if (reply.table) out.push(renderTable(reply.table));
	if (reply.image) out.push(`[image: ${reply.image.alt}]`);
	if (reply.buttons?.length) {
		out.push(reply.buttons.map((button, i) => `[${firstButtonNumber + i}] ${button.label}`).join("\n"));
	}
	if (reply.footer) out.push(`-- ${plain(reply.footer)}`);
	return out.join("\n");
}

export function renderTable(table: ReplyTable): string {
	const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? "").length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, i) => cell.padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	return [line(table.columns), line(widths.map((w) => "-".repeat(w))), ...table.rows.map(line)].join("\n");
}

/** Drops the light markup a terminal cannot show; code spans keep their backticks and their stars. */
function plain(text: string): string {
	return text
		.split(/(`[^`\n]*`)/)
		.map((part) =>
			part.startsWith("`")
				? part
				: part.replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,:;!?]|$)/g, "$1$2").replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,:;!?]|$)/g, "$1$2"),
		)
		.join("");
}

function indent(text: string): string {
	return text
		.split("\n")
		.map((line) => `  ${line}`)
		.join("\n");
}
