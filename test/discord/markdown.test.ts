/**
 * The core's markup as Discord markdown: formatting where the core asked for it, and nowhere
 * else. Text that looks like markdown, mentions, headings, lists or quotes stays text; code is
 * verbatim; long text splits into valid chunks.
 */
import { describe, expect, it } from "vitest";
import { markdown, markdownChunks } from "../../adapters/discord/discord-markdown.ts";
import { parseMarkup } from "../../src/reply/markup.ts";

describe("Discord markdown from the core's markup", () => {
	it("maps bold, italic, code, code blocks and links", () => {
		expect(markdown("*Fix:* set `resources.limits.cpu` — _see_ [the docs](https://kubernetes.io/docs/)")).toBe(
			"**Fix:** set `resources.limits.cpu` — *see* [the docs](https://kubernetes.io/docs/)",
		);
		expect(markdown("```yaml\nresources:\n  limits: {}\n```")).toBe("```yaml\nresources:\n  limits: {}\n```");
	});

	it("keeps plain text plain: stars, underscores, tildes, spoilers, mentions, headings, lists, quotes", () => {
		const text = markdown("a * b * c, snake_case_name ~~gone~~ ||secret|| <@123> <t:0>\n# Heading\n- item\n> quote\n1. first\n-# small");
		expect(text).toBe(
			"a \\* b \\* c, snake\\_case\\_name \\~\\~gone\\~\\~ \\|\\|secret\\|\\| \\<@123\\> \\<t:0\\>\n\\# Heading\n\\- item\n\\> quote\n1\\. first\n\\-# small",
		);
	});

	it("keeps code verbatim, whatever it holds: a cron step, backticks, a fence", () => {
		expect(markdown('`/course schedule "*/7 * * * *"`')).toBe('`/course schedule "*/7 * * * *"`');
		expect(markdown("``a`b``")).toBe("`` a`b ``");
		expect(markdown("```\nprint('```')\n```")).toBe("```\nprint('`\u200b``')\n```");
	});

	it("leaves addresses in text as they are, so that Discord links them", () => {
		expect(markdown("see https://example.com/a_b*c and more_text")).toBe("see https://example.com/a_b*c and more\\_text");
	});

	it("shows control characters as a replacement mark", () => {
		expect(markdown("a\u001b[2Jb")).toBe("a\ufffd\\[2Jb");
	});

	it("splits long text at line breaks into chunks within the limit, each valid on its own", () => {
		const lines = Array.from({ length: 100 }, (_, i) => `line ${i} *bold* text`).join("\n");
		const chunks = markdownChunks(parseMarkup(lines), 300);
		expect(chunks.every((chunk) => chunk.length <= 300)).toBe(true);
		expect(chunks.join("\n")).toBe(markdown(lines));
		const code = `\`\`\`\n${Array.from({ length: 80 }, (_, i) => `code line ${i}`).join("\n")}\n\`\`\``;
		const blocks = markdownChunks(parseMarkup(code), 200);
		expect(blocks.length).toBeGreaterThan(1);
		for (const block of blocks) expect(block).toMatch(/^```\n[\s\S]*\n```$/);
		const word = markdownChunks(parseMarkup("x".repeat(1000)), 300);
		expect(word.every((chunk) => chunk.length <= 300)).toBe(true);
		expect(word.join("")).toBe("x".repeat(1000));
	});
});
