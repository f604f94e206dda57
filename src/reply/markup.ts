/**
 * The light markup of reply text, parsed once, here, into tokens that every renderer maps (the
 * console to plain text, Slack to mrkdwn, Discord to markdown), each with its own escaping. No
 * renderer parses markup itself.
 *
 * The syntax (one line unless said otherwise):
 * - `` `code` ``: verbatim, whatever it holds (a cron expression in a code span stays as written). A run of n
 *   backticks closes at the next run of exactly n, so ``` `` a`b `` ``` holds a backtick.
 * - A line that is a fence (three backticks and an optional language, ```` ```yaml ````) opens a
 *   code block, closed by a line that is three backticks (or the end of the text): verbatim, lines kept.
 * - `*bold*` and `_italic_`: the opening mark follows the start of a line, a space or an opening
 *   bracket or quote, and comes before a non-space; the closing mark follows a non-space and comes
 *   before the end of the line, a space or punctuation. So `a * b * c`, `snake_case_name` and
 *   a cron step such as `*\/15` stay text. Their content is plain text (no nesting) and does not cross a code span.
 * - `[label](https://example.com/page)`: a link (http, https or mailto); the label is plain text.
 * - A backslash before one of \ * _ ` [ ] ~ makes that character plain text (see escapeMarkup).
 * - Line breaks: a lineBreak token between lines; code blocks keep theirs inside.
 *
 * Parsing is linear in the length of the text, whatever it holds (text may quote what a user typed).
 */

export type MarkupToken =
	| { readonly kind: "text"; readonly text: string }
	| { readonly kind: "bold"; readonly text: string }
	| { readonly kind: "italic"; readonly text: string }
	| { readonly kind: "code"; readonly text: string }
	| { readonly kind: "codeBlock"; readonly text: string; readonly language?: string }
	| { readonly kind: "link"; readonly url: string; readonly label: string }
	| { readonly kind: "lineBreak" };

const ESCAPABLE = new Set(["\\", "*", "_", "`", "[", "]", "~"]);
const OPEN_BEFORE = /[\s([{"'‘“«]/u;
const CLOSE_AFTER = /[\s.,:;!?)\]}"'’”»/-]/u;
const FENCE = /^```[ \t]*([\w+#.-]*)[ \t]*$/;
const LINK = /^\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)[^\s()<>]+)\)/;
/** The characters where markup may start; the text between them is copied in one slice. */
const SPECIAL = /[\\`[*_]/g;
const HAS_SPECIAL = /[\\`[*_]/;

export function parseMarkup(text: string): MarkupToken[] {
	const lines = text.split("\n");
	const tokens: MarkupToken[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (i > 0) tokens.push({ kind: "lineBreak" });
		const line = lines[i] ?? "";
		const fence = FENCE.exec(line);
		if (fence) {
			let end = i + 1;
			while (end < lines.length && (lines[end] ?? "").trim() !== "```") end++;
			const language = fence[1] ?? "";
			tokens.push({ kind: "codeBlock", text: lines.slice(i + 1, end).join("\n"), ...(language === "" ? {} : { language }) });
			i = end;
			continue;
		}
		parseLine(line, tokens);
	}
	return tokens;
}

/** The text without its markup, as words a person reads (code and links keep their text). */
export function plainText(tokens: readonly MarkupToken[]): string {
	return tokens
		.map((token) => {
			if (token.kind === "lineBreak") return "\n";
			if (token.kind === "link") return token.label === token.url ? token.url : `${token.label} (${token.url})`;
			return token.text;
		})
		.join("");
}

/** `text` as plain text inside markup: every markup character escaped. */
export function escapeMarkup(text: string): string {
	return text.replace(/[\\*_`[\]~]/g, (char) => `\\${char}`);
}

/** `text` as a code span, verbatim whatever it holds (on one line). */
export function codeSpan(text: string): string {
	const flat = text.replace(/\r?\n/g, " ");
	const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
	const fence = "`".repeat(longest + 1);
	const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
	return `${fence}${pad}${flat}${pad}${fence}`;
}

interface Run {
	readonly start: number;
	readonly length: number;
}

function backtickRuns(line: string): Run[] {
	const runs: Run[] = [];
	for (let i = 0; i < line.length; ) {
		if (line[i] !== "`") {
			i++;
			continue;
		}
		let end = i;
		while (line[end] === "`") end++;
		runs.push({ start: i, length: end - i });
		i = end;
	}
	return runs;
}

/** Positions of the marks that can close `*` or `_` spans, ascending. */
function closers(line: string, mark: string): number[] {
	const found: number[] = [];
	for (let i = line.indexOf(mark, 1); i !== -1; i = line.indexOf(mark, i + 1)) {
		if (line[i - 1] === "\\") continue;
		const before = line[i - 1] ?? "";
		const after = line[i + 1];
		if (!/\s/u.test(before) && before !== mark && (after === undefined || CLOSE_AFTER.test(after))) found.push(i);
	}
	return found;
}

function parseLine(line: string, tokens: MarkupToken[]): void {
	if (!HAS_SPECIAL.test(line)) {
		if (line !== "") tokens.push({ kind: "text", text: line });
		return;
	}
	const runs = line.includes("`") ? backtickRuns(line) : [];
	// For each run, the index of the next run of the same length (or -1): code spans close in O(1).
	const nextSameLength = new Array<number>(runs.length).fill(-1);
	const lastOfLength = new Map<number, number>();
	for (let r = runs.length - 1; r >= 0; r--) {
		const length = runs[r]?.length ?? 0;
		nextSameLength[r] = lastOfLength.get(length) ?? -1;
		lastOfLength.set(length, r);
	}
	const closing = { "*": line.includes("*") ? closers(line, "*") : [], _: line.includes("_") ? closers(line, "_") : [] };
	const cursor = { "*": 0, _: 0 };
	let run = 0;
	let buffer = "";
	const flush = () => {
		if (buffer !== "") tokens.push({ kind: "text", text: buffer });
		buffer = "";
	};
	const nextBacktick = (from: number) => {
		while (run < runs.length && (runs[run]?.start ?? 0) < from) run++;
		return runs[run]?.start ?? line.length;
	};

	for (let pos = 0; pos < line.length; ) {
		SPECIAL.lastIndex = pos;
		const next = SPECIAL.exec(line);
		if (next === null) {
			buffer += line.slice(pos);
			break;
		}
		buffer += line.slice(pos, next.index);
		pos = next.index;
		const char = line[pos] as string;
		if (char === "\\" && ESCAPABLE.has(line[pos + 1] ?? "")) {
			buffer += line[pos + 1];
			pos += 2;
			continue;
		}
		if (char === "`") {
			nextBacktick(pos);
			// An escaped backtick can leave the rest of its run here: those are plain text.
			const opening = runs[run]?.start === pos ? runs[run] : undefined;
			const close = opening ? (nextSameLength[run] ?? -1) : -1;
			const closingRun = close === -1 ? undefined : runs[close];
			if (opening && closingRun) {
				flush();
				tokens.push({ kind: "code", text: line.slice(pos + opening.length, closingRun.start) });
				pos = closingRun.start + closingRun.length;
			} else {
				buffer += "`".repeat(opening?.length ?? 1);
				pos += opening?.length ?? 1;
			}
			continue;
		}
		if (char === "[") {
			const link = LINK.exec(line.slice(pos, pos + 2048));
			if (link) {
				flush();
				tokens.push({ kind: "link", label: unescapeMarks(link[1] ?? ""), url: link[2] ?? "" });
				pos += link[0].length;
				continue;
			}
		}
		if (char === "*" || char === "_") {
			const before = line[pos - 1];
			const after = line[pos + 1];
			const opens = (before === undefined || OPEN_BEFORE.test(before)) && after !== undefined && !/\s/u.test(after) && after !== char;
			if (opens) {
				const list = closing[char];
				while ((list[cursor[char]] ?? Number.POSITIVE_INFINITY) < pos + 2) cursor[char]++;
				const close = list[cursor[char]];
				if (close !== undefined && close < nextBacktick(pos)) {
					flush();
					tokens.push({ kind: char === "*" ? "bold" : "italic", text: unescapeMarks(line.slice(pos + 1, close)) });
					pos = close + 1;
					continue;
				}
			}
		}
		buffer += char;
		pos++;
	}
	flush();
}

function unescapeMarks(text: string): string {
	return text.replace(/\\([\\*_`[\]~])/g, "$1");
}
