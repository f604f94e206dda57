/**
 * The core's markup tokens (src/reply/markup.ts) as Discord markdown, with Discord's escaping:
 * plain text can never turn into formatting, a heading, a list, a quote, a spoiler or a mention,
 * and code stays verbatim. Long text is split into chunks of at most a given length at line
 * breaks (then between words), each chunk valid markdown on its own: a code block split in two
 * is closed and reopened. Nothing here parses markup; it maps tokens.
 */
import { type MarkupToken, parseMarkup } from "../../src/reply/markup.ts";

const ZERO_WIDTH_SPACE = "\u200b";
/** Markdown's inline characters, and `<` `>` of mentions, channels and timestamps (`<@123>`, `<t:0>`). */
const INLINE_SPECIAL = /[\\*_~`|[\]<>]/g;
/** What makes a line a heading, a subtext, a list item or a quote in Discord. */
const BLOCK_START = /^(\s*)(#{1,3}\s|-#\s|[-*+]\s|>)/;
const NUMBERED = /^(\s*\d+)(\.\s)/;
/** Addresses in plain text stay as they are, so that Discord still links them. */
const URL = /https?:\/\/[^\s<>]+/g;

/** Control characters show as garbage or nothing in Discord: a replacement mark says something was there. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Plain text for a place that renders inline markdown (a title, a field name): nothing in it formats. */
export function escapeInline(text: string): string {
	return text.replace(CONTROL, "\ufffd").replace(INLINE_SPECIAL, "\\$&");
}

function escapeText(raw: string): string {
	const text = raw.replace(CONTROL, "\ufffd");
	let out = "";
	let last = 0;
	for (const match of text.matchAll(URL)) {
		out += escapeInline(text.slice(last, match.index)) + match[0];
		last = match.index + match[0].length;
	}
	return out + escapeInline(text.slice(last));
}

/** A line that would start a heading, list or quote starts with a backslash instead. */
function escapeLineStart(line: string): string {
	return line.replace(BLOCK_START, "$1\\$2").replace(NUMBERED, "$1\\$2");
}

function inlineCode(code: string): string {
	if (code === "") return "";
	if (!code.includes("`")) return `\`${code}\``;
	// Double backticks hold single ones; a run of two or more is broken with an invisible space.
	return `\`\` ${code.replace(/``/g, `\`${ZERO_WIDTH_SPACE}\``)} \`\``;
}

function codeBlock(code: string, language: string | undefined): string {
	const lang = (language ?? "").replace(/[^\w+#.-]/g, "");
	return `\`\`\`${lang}\n${code.replace(/```/g, `\`${ZERO_WIDTH_SPACE}\`\``) || ZERO_WIDTH_SPACE}\n\`\`\``;
}

/** One token's markdown; text is cut into words by the caller when a line is too long. */
function tokenMarkdown(token: Exclude<MarkupToken, { kind: "lineBreak" | "codeBlock" }>): string {
	switch (token.kind) {
		case "text":
			return escapeText(token.text);
		case "bold":
			return `**${escapeText(token.text)}**`;
		case "italic":
			return `*${escapeText(token.text)}*`;
		case "code":
			return inlineCode(token.text);
		case "link":
			return token.label === token.url ? token.url : `[${escapeInline(token.label)}](${token.url})`;
	}
}

/** A line as units that may be split between (words of text, whole spans), or a code block's lines. */
type Line =
	| { readonly kind: "inline"; readonly units: string[] }
	| { readonly kind: "code"; readonly lines: string[]; readonly language?: string };

function linesOf(tokens: readonly MarkupToken[]): Line[] {
	const lines: Line[] = [];
	let current: string[] = [];
	let open = true;
	const flush = () => {
		if (open) lines.push({ kind: "inline", units: current });
		current = [];
	};
	for (const token of tokens) {
		if (token.kind === "lineBreak") {
			flush();
			open = true;
		} else if (token.kind === "codeBlock") {
			if (current.length > 0) flush();
			lines.push({ kind: "code", lines: token.text.split("\n"), ...(token.language === undefined ? {} : { language: token.language }) });
			current = [];
			open = false;
		} else {
			open = true;
			// Escaping never adds white space, so the escaped text splits into the same words.
			if (token.kind === "text") current.push(...(escapeText(token.text).match(/\s*\S+\s*|\s+/g) ?? []));
			else current.push(tokenMarkdown(token));
		}
	}
	if (open) flush();
	return lines;
}

/** Splits one long unit (a word or span longer than a chunk) into pieces of at most `max`. */
function hardSplit(unit: string, max: number): string[] {
	const pieces: string[] = [];
	for (let i = 0; i < unit.length; i += max) {
		let end = Math.min(unit.length, i + max);
		// Never leave an escaping backslash at the end of a piece.
		if (end < unit.length && end - 1 > i && unit[end - 1] === "\\") end -= 1;
		pieces.push(unit.slice(i, end));
		i = end - max;
	}
	return pieces;
}

/** An inline line as rendered rows of at most `max` characters (one row unless it is too long). */
function inlineRows(units: readonly string[], max: number): string[] {
	const whole = units.join("");
	if (whole.length <= max) return [escapeLineStart(whole.trimEnd())];
	const rows: string[] = [];
	let row = "";
	for (const unit of units) {
		if (row.length + unit.length <= max) {
			row += unit;
			continue;
		}
		if (row.trim() !== "") rows.push(row);
		row = "";
		if (unit.length <= max) row = unit.trimStart();
		else {
			const pieces = hardSplit(unit, max);
			row = pieces.pop() ?? "";
			rows.push(...pieces);
		}
	}
	rows.push(row);
	return rows.map((r) => escapeLineStart(r.trimEnd()));
}

/** A code block as blocks of at most `max` characters, each closed, split between its lines. */
function codeRows(lines: readonly string[], language: string | undefined, max: number): string[] {
	const overhead = codeBlock("", language).length;
	const room = Math.max(1, max - overhead);
	const blocks: string[] = [];
	let body: string[] = [];
	let size = 0;
	const flush = () => {
		if (body.length > 0) blocks.push(codeBlock(body.join("\n"), language));
		body = [];
		size = 0;
	};
	const safe = lines.map((line) => line.replace(/```/g, `\`${ZERO_WIDTH_SPACE}\`\``));
	for (const line of safe.flatMap((l) => (l.length > room ? hardSplit(l, room) : [l]))) {
		if (size + line.length + 1 > room) flush();
		body.push(line);
		size += line.length + 1;
	}
	flush();
	return blocks;
}

/**
 * The markdown of `tokens` in chunks of at most `max` characters, split at line breaks where
 * possible: what fits in one field, description or message is one chunk.
 */
export function markdownChunks(tokens: readonly MarkupToken[], max: number): string[] {
	const chunks: string[] = [];
	let chunk = "";
	let started = false;
	const add = (row: string) => {
		if (!started) {
			chunk = row;
			started = true;
		} else if (chunk.length + 1 + row.length <= max) chunk += `\n${row}`;
		else {
			chunks.push(chunk);
			chunk = row;
		}
	};
	for (const line of linesOf(tokens)) {
		// One character spare: a row that would start a list or a quote gets a backslash in front.
		const rows = line.kind === "inline" ? inlineRows(line.units, max - 1) : codeRows(line.lines, line.language, max);
		for (const row of rows) add(row);
	}
	if (started) chunks.push(chunk);
	// Blank lines at a chunk's edges show nothing; a chunk of nothing but them is dropped.
	return chunks.map((c) => c.replace(/^\n+|\s+$/g, "")).filter((c) => c !== "");
}

/** The markdown of reply markup, in one piece (for text known to be short). */
export function markdown(text: string): string {
	return markdownChunks(parseMarkup(text), Number.POSITIVE_INFINITY).join("\n");
}
