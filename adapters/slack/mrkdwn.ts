/**
 * The core's markup tokens as Slack mrkdwn, packed into pieces that fit a text limit. Slack has no
 * backslash escape: `&`, `<` and `>` become entities, and a formatting mark in plain text gets a
 * zero-width space before it, so that it can open no span (Slack opens one only after the start
 * of a line, a space or punctuation). Code is verbatim: a backtick inside a code span cannot be
 * written in mrkdwn and shows as its look-alike ˋ. Text objects are sent with `verbatim: true`,
 * so that a word such as @channel quoted from a user is never parsed into a mention.
 */
import { type MarkupToken, parseMarkup } from "../../src/reply/markup.ts";

const ZWSP = "\u200B";
const FENCE = "```";

const ENTITY = /[&<>]/g;
const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const PLAIN_SPECIAL = /[&<>*_~`]/g;
const PLAIN_ESCAPES: Readonly<Record<string, string>> = { ...ENTITIES, "*": `${ZWSP}*`, _: `${ZWSP}_`, "~": `${ZWSP}~`, "`": `${ZWSP}\`` };

export function escapeEntities(text: string): string {
	return text.replace(ENTITY, (char) => ENTITIES[char] ?? char);
}

/** Plain text inside mrkdwn: entities escaped, formatting marks disarmed. */
export function plainMrkdwn(text: string): string {
	return text.replace(PLAIN_SPECIAL, (char) => PLAIN_ESCAPES[char] ?? char);
}

const codeText = (text: string) => escapeEntities(text.replace(/`/g, "ˋ"));
const codeBlockLine = (line: string) => escapeEntities(line.replace(/```/g, `\`\`${ZWSP}\``));

/** A line of text as pieces that may be split between (words, whole spans), or the raw lines of a code block. */
type Line = { readonly kind: "text"; readonly pieces: readonly string[] } | { readonly kind: "code"; readonly lines: readonly string[] };

/** Raw text cut so that each part, escaped, stays within `limit` (an entity is at most 5 characters). */
function hardSplit(raw: string, limit: number): string[] {
	const size = Math.max(1, Math.floor(limit / 5));
	const parts: string[] = [];
	for (let i = 0; i < raw.length; i += size) parts.push(raw.slice(i, i + size));
	return parts;
}

/** Words with the spaces after them, each short enough to render within `limit`. */
function words(raw: string, limit: number): string[] {
	return raw.split(/(?<=\s)/u).flatMap((word) => (word.length * 5 > limit ? hardSplit(word, limit) : [word]));
}

function spanPieces(raw: string, wrap: (text: string) => string, limit: number): string[] {
	const whole = wrap(raw);
	if (whole.length <= limit) return [whole];
	// A span longer than a whole section: the same style on each word, so that it can be split.
	return words(raw, limit - 4).flatMap((word) => {
		const core = word.trimEnd();
		const space = word.slice(core.length);
		return core === "" ? [space] : [wrap(core), ...(space === "" ? [] : [space])];
	});
}

function tokenPieces(token: Exclude<MarkupToken, { kind: "lineBreak" } | { kind: "codeBlock" }>, limit: number): string[] {
	switch (token.kind) {
		case "text": {
			const whole = plainMrkdwn(token.text);
			return whole.length <= limit ? [whole] : words(token.text, limit).map(plainMrkdwn);
		}
		case "bold":
			return spanPieces(token.text, (text) => `*${plainMrkdwn(text)}*`, limit);
		case "italic":
			return spanPieces(token.text, (text) => `_${plainMrkdwn(text)}_`, limit);
		case "code":
			return token.text === "" ? [] : spanPieces(token.text, (text) => `\`${codeText(text)}\``, limit);
		case "link": {
			const label = plainMrkdwn(token.label);
			const url = token.url.replace(/[|<>]/g, encodeURIComponent);
			const link = token.label === token.url ? `<${url}>` : `<${url}|${label}>`;
			return link.length <= limit
				? [link]
				: [...words(token.label, limit).map(plainMrkdwn), " ", ...hardSplit(url, limit).map(escapeEntities)];
		}
	}
}

function linesOf(text: string, limit: number): Line[] {
	const lines: Line[] = [];
	let pieces: string[] = [];
	for (const token of parseMarkup(text)) {
		if (token.kind === "lineBreak") {
			lines.push({ kind: "text", pieces });
			pieces = [];
		} else if (token.kind === "codeBlock") {
			if (pieces.length > 0) lines.push({ kind: "text", pieces });
			pieces = [];
			lines.push({ kind: "code", lines: token.text.split("\n") });
		} else pieces.push(...tokenPieces(token, limit));
	}
	lines.push({ kind: "text", pieces });
	// A code block's last line break belongs to the block.
	return lines.filter((line, i) => !(line.kind === "text" && line.pieces.length === 0 && lines[i - 1]?.kind === "code"));
}

const fenced = (lines: readonly string[]) => `${FENCE}\n${lines.join("\n")}\n${FENCE}`;

/**
 * Raw lines as code blocks of at most `limit` characters each; the first `repeat` lines (a table's
 * header) start every block. Long lines are wrapped.
 */
export function codeBlockChunks(raw: readonly string[], limit: number, repeat = 0): string[] {
	const room = limit - 2 * FENCE.length - 2;
	const lines = raw.flatMap((line) => (line.length * 5 > room ? hardSplit(line, room) : [line])).map(codeBlockLine);
	const head = lines.slice(0, repeat);
	const chunks: string[] = [];
	let group: string[] = [...head];
	for (const line of lines.slice(repeat)) {
		if (group.length > head.length && fenced([...group, line]).length > limit) {
			chunks.push(fenced(group));
			group = [...head];
		}
		group.push(line);
	}
	if (group.length > 0) chunks.push(fenced(group));
	return chunks;
}

/**
 * `text` (core markup) as mrkdwn chunks of at most `limit` characters, split between lines where it
 * can, between words where a line is longer, and a code block closed and reopened where it must.
 * Chunks that would be blank are left out (Slack refuses an empty section).
 */
export function mrkdwnChunks(text: string, limit: number): string[] {
	const chunks: string[] = [];
	let current: string | undefined;
	const add = (rendered: string) => {
		const joined = current === undefined ? rendered : `${current}\n${rendered}`;
		if (joined.length <= limit) {
			current = joined;
			return true;
		}
		return false;
	};
	const flush = () => {
		if (current !== undefined && current.trim() !== "") chunks.push(current);
		current = undefined;
	};
	for (const line of linesOf(text, limit)) {
		if (line.kind === "code") {
			if (add(fenced(line.lines.map(codeBlockLine)))) continue;
			flush();
			const blocks = codeBlockChunks(line.lines, limit);
			chunks.push(...blocks.slice(0, -1));
			current = blocks.at(-1);
			continue;
		}
		const rendered = line.pieces.join("");
		if (add(rendered)) continue;
		flush();
		if (rendered.length <= limit) {
			current = rendered;
			continue;
		}
		let part = "";
		for (const piece of line.pieces) {
			if (part.length + piece.length > limit) {
				if (part.trim() !== "") chunks.push(part);
				part = "";
			}
			part += piece;
		}
		current = part;
	}
	flush();
	return chunks;
}

/** Short markup (a field value, a footer) as one mrkdwn string, or undefined when it needs more than `limit`. */
export function mrkdwnWithin(text: string, limit: number): string | undefined {
	const chunks = mrkdwnChunks(text, limit);
	return chunks.length === 1 ? chunks[0] : undefined;
}
