/** The Block Kit renderer: markup as mrkdwn that Slack cannot misread, Slack's limits kept, nothing dropped. */
import { describe, expect, it } from "vitest";
import { BLOCK_KIT } from "../../adapters/slack/block-kit-limits.ts";
import { mrkdwnChunks } from "../../adapters/slack/mrkdwn.ts";
import { renderMessage } from "../../adapters/slack/render-message.ts";
import type { Reply } from "../../src/reply.ts";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { readBlocks, readMrkdwn } from "./read-blocks.ts";
import { blocksProblem } from "./stand-in/block-kit-rules.ts";

const ZWSP = "\u200B";
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

describe("mrkdwn", () => {
	it("keeps code verbatim: a cron expression in a code span keeps every star", () => {
		const [chunk] = mrkdwnChunks('`/course schedule "*/7 * * * *"` changes it', 3000);
		expect(chunk).toBe('`/course schedule "*/7 * * * *"` changes it');
	});

	it("disarms formatting marks in plain text and escapes what Slack would parse as markup or mentions", () => {
		const [chunk] = mrkdwnChunks("a *sourdough _bread ~x <!channel> & <@U1> > 3", 3000);
		expect(chunk).toBe(`a ${ZWSP}*sourdough ${ZWSP}_bread ${ZWSP}~x &lt;!channel&gt; &amp; &lt;@U1&gt; &gt; 3`);
		expect(readMrkdwn(chunk ?? "")).toBe("a *sourdough _bread ~x <!channel> & <@U1> > 3");
	});

	it("maps bold, italic, links and code blocks to Slack's own syntax", () => {
		const [chunk] = mrkdwnChunks("*Fix* _now_: see [the docs](https://kubernetes.io/docs/a|b)\n```yaml\nkind: Pod\n```", 3000);
		expect(chunk).toBe("*Fix* _now_: see <https://kubernetes.io/docs/a%7Cb|the docs>\n```\nkind: Pod\n```");
	});

	it("splits long text between lines, then words, and a long code block into fenced parts, each within the limit", () => {
		const lines = Array.from({ length: 400 }, (_, i) => `line ${i} with *bold${i}* and \`code${i}\``);
		const code = `\`\`\`\n${Array.from({ length: 300 }, (_, i) => `row-${i}: value`).join("\n")}\n\`\`\``;
		const text = `${lines.join("\n")}\n${"word ".repeat(1500)}\n${code}`;
		const chunks = mrkdwnChunks(text, 3000);
		expect(chunks.length).toBeGreaterThan(5);
		for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(3000);
		for (const chunk of chunks.filter((c) => c.includes("row-"))) expect(chunk.startsWith("```\n") && chunk.endsWith("\n```")).toBe(true);
		const read = chunks.map(readMrkdwn).join("\n");
		expect(words(read)).toEqual(words(text));
	});
});

describe("renderMessage", () => {
	it("renders header, text, fields, table, footer and buttons as valid blocks with the core's button ids", () => {
		const reply: Reply = {
			header: "Readiness of payments: 40/100",
			text: "2 of 5 workloads pass",
			fields: [
				{ label: "Answered", value: "3" },
				{ label: "Streak", value: "2 days" },
			],
			table: { columns: ["workload", "resources"], rows: [["Deployment/api", "FAIL"]] },
			footer: "3 answers so far",
			buttons: [
				{ action: "explain", label: "Explain OOMKilled", value: "oomkilled" },
				{ action: "quiz-post", label: "A. Liveness", value: "q1:0", style: "primary" },
			],
		};
		const message = renderMessage(reply);
		expect(blocksProblem(message.blocks, 50)).toBeUndefined();
		expect(message.blocks.map((block) => block.type)).toEqual(["header", "section", "section", "section", "context", "actions"]);
		const read = readBlocks(message.blocks);
		expect(read.text).toContain("Deployment/api  FAIL");
		expect(read.buttons.map((button) => decodeButtonId(button.id))).toEqual([
			{ action: "explain", value: "oomkilled" },
			{ action: "quiz-post", value: "q1:0" },
		]);
		expect(message.files).toEqual([]);
		expect(message.text).toBe("Readiness of payments: 40/100");
	});

	it("cuts a reply too long for 50 blocks with a visible marker, keeps its buttons, and attaches the whole of it", () => {
		const text = Array.from({ length: 120 }, (_, i) => `Paragraph ${i}: ${"lorem ipsum ".repeat(250)}`).join("\n");
		const reply: Reply = { header: "A very long answer", text, buttons: [{ action: "explain", label: "Explain it", value: "x" }] };
		const message = renderMessage(reply);
		expect(message.blocks.length).toBe(BLOCK_KIT.blocksPerMessage);
		expect(blocksProblem(message.blocks, 50)).toBeUndefined();
		const read = readBlocks(message.blocks);
		expect(read.text).toContain("Cut here");
		expect(read.text).toContain("a-very-long-answer.txt");
		expect(read.buttons).toHaveLength(1);
		const [file] = message.files;
		expect(file?.name).toBe("a-very-long-answer.txt");
		expect(String(file?.content)).toContain("Paragraph 119:");
	});

	it("cuts a button label to 75 characters and writes it out in full when the message does not already say it", () => {
		const long = `Explain ${"the difference between requests and limits ".repeat(3)}`.trim();
		const message = renderMessage({ text: "Pick one.", buttons: [{ action: "explain", label: long, value: "x" }] });
		expect(blocksProblem(message.blocks, 50)).toBeUndefined();
		const read = readBlocks(message.blocks);
		expect(read.buttons[0]?.label).toHaveLength(75);
		expect(read.text).toContain(long);
		const said = renderMessage({ text: long, buttons: [{ action: "explain", label: long, value: "x" }] });
		expect(said.blocks.filter((block) => block.type === "section")).toHaveLength(1);
	});

	it("keeps a header over 150 characters as a section, and a long field outside the fields grid", () => {
		const header = `Readiness of ${"a-very-long-namespace-name-".repeat(8)}`;
		const message = renderMessage({ header, fields: [{ label: "Findings", value: "x ".repeat(1500) }] });
		expect(blocksProblem(message.blocks, 50)).toBeUndefined();
		expect(message.blocks[0]?.type).toBe("section");
		expect(readBlocks(message.blocks).text).toContain(header);
	});

	it("splits a table of many rows into code blocks that each repeat the header", () => {
		const rows = Array.from({ length: 300 }, (_, i) => [`Deployment/service-${i}`, "ok", "FAIL", "warn"]);
		const message = renderMessage({ table: { columns: ["workload", "resources", "health", "rbac"], rows } });
		expect(blocksProblem(message.blocks, 50)).toBeUndefined();
		const sections = message.blocks.map((block) => ("text" in block ? block.text.text : ""));
		expect(sections.length).toBeGreaterThan(1);
		for (const section of sections) expect(section.split("\n")[1]).toMatch(/^workload\s+resources/);
		expect(readBlocks(message.blocks).text).toContain("Deployment/service-299");
	});

	it("attaches an image and names it in the message", () => {
		const message = renderMessage({ text: "Participation", image: { alt: "answers per week", png: new Uint8Array([137, 80, 78, 71]) } });
		expect(message.files).toEqual([
			{ name: "image.png", mediaType: "image/png", content: new Uint8Array([137, 80, 78, 71]), title: "answers per week" },
		]);
		expect(readBlocks(message.blocks).text).toContain("answers per week");
	});
});
