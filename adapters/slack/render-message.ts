/**
 * The Slack renderer: a neutral reply as one Block Kit message (header, sections, fields, a table
 * in a code block, footer as context, buttons in actions blocks), within the limits of
 * block-kit-limits.ts. What does not fit is never dropped: text is split over sections, and when
 * a message would need more blocks than Slack allows it is cut with a visible marker and the whole
 * reply goes with it as a text file. The reply's thread is rendered message by message by the caller.
 */
import { escapeMarkup, parseMarkup, plainText } from "../../src/reply/markup.ts";
import type { Reply, ReplyButton, ReplyFile, ReplyTable } from "../../src/reply.ts";
import { buttonIds } from "../../src/router/button-id.ts";
import { BLOCK_KIT } from "./block-kit-limits.ts";
import { type ButtonElement, mrkdwn, plain, type SlackBlock } from "./blocks.ts";
import { codeBlockChunks, escapeEntities, mrkdwnChunks, mrkdwnWithin, plainMrkdwn } from "./mrkdwn.ts";

export interface SlackMessage {
	/** The notification text (plain, short); the blocks are what people read. */
	readonly text: string;
	readonly blocks: readonly SlackBlock[];
	/** Files that go with the message: the reply's own, its image, and the whole reply when it had to be cut. */
	readonly files: readonly ReplyFile[];
}

export interface RenderOptions {
	/** Blocks the surface allows: 50 in a message (default), 100 in the App Home view. */
	readonly maxBlocks?: number;
}

const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text) });
const sections = (text: string): SlackBlock[] => mrkdwnChunks(text, BLOCK_KIT.sectionText).map(section);
const WORD = /[\p{L}\p{N}]+/gu;

// Replies are read-only and the core hands some out again and again (the feedback on a quiz
// option goes to everyone who picks it): each is rendered once, kept as long as the reply lives.
const rendered = new WeakMap<Reply, SlackMessage>();

export function renderMessage(reply: Reply, options: RenderOptions = {}): SlackMessage {
	if (options.maxBlocks !== undefined) return render(reply, options.maxBlocks);
	let message = rendered.get(reply);
	if (message === undefined) {
		message = render(reply, BLOCK_KIT.blocksPerMessage);
		rendered.set(reply, message);
	}
	return message;
}

function render(reply: Reply, maxBlocks: number): SlackMessage {
	const content = contentBlocks(reply);
	const controls = controlBlocks(reply.buttons ?? [], content);
	const files = [
		...(reply.files ?? []),
		...(reply.image ? [{ name: "image.png", mediaType: "image/png", content: reply.image.png, title: reply.image.alt }] : []),
	];
	const text = fallbackText(reply);
	if (content.length + controls.length <= maxBlocks) return { text, blocks: [...content, ...controls], files };
	const whole = wholeReplyFile(reply);
	const keptControls = controls.slice(0, maxBlocks - 2);
	const room = maxBlocks - keptControls.length - 1;
	const marker: SlackBlock = {
		type: "context",
		elements: [
			mrkdwn(`✂ Cut here: this was too long for one Slack message. The whole of it is in the attached file ${plainMrkdwn(whole.name)}.`),
		],
	};
	return { text, blocks: [...content.slice(0, room), marker, ...keptControls], files: [...files, whole] };
}

function contentBlocks(reply: Reply): SlackBlock[] {
	const blocks: SlackBlock[] = [];
	const header = reply.header?.trim() ?? "";
	if (header !== "") {
		if (header.length <= BLOCK_KIT.headerText) blocks.push({ type: "header", text: plain(header) });
		else blocks.push(...sections(escapeMarkup(header)));
	}
	if (reply.text) blocks.push(...sections(reply.text));
	if (reply.fields) blocks.push(...fieldBlocks(reply.fields));
	if (reply.table) blocks.push(...tableBlocks(reply.table).map(section));
	if (reply.image) blocks.push({ type: "context", elements: [mrkdwn(`Image attached: ${plainMrkdwn(reply.image.alt.slice(0, 2000))}`)] });
	if (reply.footer) {
		const footer = mrkdwnWithin(reply.footer, BLOCK_KIT.contextText);
		blocks.push(...(footer === undefined ? sections(reply.footer) : [{ type: "context" as const, elements: [mrkdwn(footer)] }]));
	}
	return blocks;
}

/** Fields two by two in sections of up to 10; a field too long for one becomes sections of its own. */
function fieldBlocks(fields: NonNullable<Reply["fields"]>): SlackBlock[] {
	const blocks: SlackBlock[] = [];
	let group: ReturnType<typeof mrkdwn>[] = [];
	const flush = () => {
		if (group.length > 0) blocks.push({ type: "section", fields: group });
		group = [];
	};
	for (const field of fields) {
		const label = `*${plainMrkdwn(field.label)}*`;
		const value = field.value.trim() === "" ? "–" : field.value;
		const short = mrkdwnWithin(value, BLOCK_KIT.fieldText - label.length - 1);
		if (short !== undefined) {
			group.push(mrkdwn(`${label}\n${short}`));
			if (group.length === BLOCK_KIT.sectionFields) flush();
			continue;
		}
		flush();
		blocks.push(section(label), ...sections(value));
	}
	flush();
	return blocks;
}

/** The table as aligned monospace text, in code blocks that each repeat its header. */
export function tableBlocks(table: ReplyTable): string[] {
	const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? "").length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, i) => cell.replace(/\s/g, " ").padEnd(widths[i] ?? 0))
			.join("  ")
			.trimEnd();
	const lines = [line(table.columns), line(widths.map((width) => "-".repeat(width))), ...table.rows.map(line)];
	return codeBlockChunks(lines, BLOCK_KIT.sectionText, 2);
}

function controlBlocks(buttons: readonly ReplyButton[], content: readonly SlackBlock[]): SlackBlock[] {
	if (buttons.length === 0) return [];
	const ids = buttonIds(buttons);
	const elements: ButtonElement[] = buttons.map((button, i) => ({
		type: "button",
		action_id: ids[i] ?? "",
		text: plain(cut(button.label, BLOCK_KIT.buttonText)),
		...(button.style === undefined ? {} : { style: button.style }),
	}));
	const blocks: SlackBlock[] = [];
	for (let i = 0; i < elements.length; i += BLOCK_KIT.actionsElements) {
		blocks.push({ type: "actions", elements: elements.slice(i, i + BLOCK_KIT.actionsElements) });
	}
	// A label cut to fit is written out in full, unless the message already says every word of it.
	const cutLabels = buttons.filter((b) => b.label.length > BLOCK_KIT.buttonText);
	if (cutLabels.length === 0) return blocks;
	const said = new Set(content.flatMap(blockText).join("\n").toLowerCase().match(WORD) ?? []);
	const unsaid = cutLabels.filter((b) => (b.label.toLowerCase().match(WORD) ?? []).some((w) => !said.has(w)));
	if (unsaid.length > 0) blocks.push(...sections(unsaid.map((b) => `• ${escapeMarkup(b.label)}`).join("\n")));
	return blocks;
}

function blockText(block: SlackBlock): string[] {
	switch (block.type) {
		case "header":
		case "section":
			return "text" in block ? [block.text.text] : block.fields.map((field) => field.text);
		case "context":
			return block.elements.map((element) => element.text);
		default:
			return [];
	}
}

function cut(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The notification text: the header, or the first line of the text; plain, short. */
function fallbackText(reply: Reply): string {
	const header = reply.header?.trim() ?? "";
	const firstLine = () =>
		reply.text === undefined
			? ""
			: (plainText(parseMarkup(reply.text))
					.split("\n")
					.find((line) => line.trim() !== "") ?? "");
	const text = header || firstLine().trim() || "kubecoach";
	return escapeEntities(cut(text, BLOCK_KIT.fallbackText / 2));
}

/** The whole reply as plain text, for a message that had to be cut. */
export function wholeReplyFile(reply: Reply): ReplyFile {
	const markup = (text: string) => plainText(parseMarkup(text));
	const parts = [
		reply.header ?? "",
		reply.text === undefined ? "" : markup(reply.text),
		...(reply.fields ?? []).map((field) => `${field.label}:\n${markup(field.value)}`),
		reply.table ? tableText(reply.table) : "",
		reply.image ? `[image: ${reply.image.alt}]` : "",
		reply.footer === undefined ? "" : markup(reply.footer),
		...(reply.buttons ?? []).map((button) => `[${button.label}]`),
	].filter((part) => part !== "");
	const slug = (reply.header ?? "kubecoach reply")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-+|-+$/g, "")
		.slice(0, 60);
	return {
		name: `${slug || "kubecoach-reply"}.txt`,
		mediaType: "text/plain",
		content: `${parts.join("\n\n")}\n`,
		title: reply.header ?? "The whole reply",
	};
}

function tableText(table: ReplyTable): string {
	return [table.columns, ...table.rows].map((row) => row.join("  |  ")).join("\n");
}
