/**
 * The Discord renderer on replies far past Discord's limits: every message it makes passes the
 * limits (the adapter's schema, and the stand-in's own rules, which Discord's 400s follow),
 * what does not fit is cut behind a visible marker with the whole reply attached, and every
 * button keeps the core's id. Short replies stay plain; nothing pings.
 */
import { describe, expect, it } from "vitest";
import { discordMessageSchema, DISCORD_LIMITS as L } from "../../adapters/discord/discord-limits.ts";
import { renderReply } from "../../adapters/discord/render-message.ts";
import type { Reply } from "../../src/reply.ts";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { checkMessage } from "./stand-in/message-rules.ts";

const decoder = new TextDecoder();

/** Renders and checks every message against the adapter's schema and the stand-in's rules. */
function rendered(reply: Reply, options = {}) {
	const messages = renderReply(reply, options);
	for (const message of messages) {
		expect(discordMessageSchema.safeParse(message).success).toBe(true);
		checkMessage(
			{ ...(message.content === undefined ? {} : { content: message.content }), embeds: message.embeds, components: message.components },
			message.files.map((f) => ({ name: f.name, type: f.contentType, data: f.data })),
		);
	}
	return messages;
}

const whole = (messages: ReturnType<typeof renderReply>) =>
	messages.flatMap((m) => m.files.filter((f) => f.contentType.startsWith("text/plain")).map((f) => decoder.decode(f.data))).join("\n");
const visible = (messages: ReturnType<typeof renderReply>) =>
	messages
		.flatMap((m) => [
			m.content ?? "",
			...m.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]),
		])
		.join("\n");

describe("the Discord renderer", () => {
	it("keeps a short plain reply plain content, without an embed", () => {
		const [message] = rendered({ text: "Paused: no episodes until `/course resume`.", visibility: "private" });
		expect(message).toEqual({ content: "Paused: no episodes until `/course resume`.", embeds: [], components: [], files: [] });
	});

	it("continues a long field in the next field at a line break, rather than cutting it", () => {
		const value = Array.from({ length: 30 }, (_, i) => `• point ${i} ${"words ".repeat(8)}`).join("\n");
		const [message] = rendered({ header: "Key points", fields: [{ label: "Key points", value }] });
		const fields = message?.embeds.flatMap((e) => e.fields ?? []) ?? [];
		expect(fields.length).toBeGreaterThan(1);
		expect(fields.slice(1).every((f) => f.name === "\u200b")).toBe(true);
		expect(fields.map((f) => f.value).join("\n")).toBe(value.replace(/ +$/gm, ""));
		expect(message?.files).toEqual([]);
	});

	it("cuts a reply past every limit behind a marker and attaches it whole; nothing breaks a limit", () => {
		const huge: Reply = {
			header: `A header far too long ${"x".repeat(300)}`,
			text: `Opening line.\n${"Some *bold* and _italic_ text with `code`. ".repeat(400)}\n\`\`\`yaml\n${"key: value\n".repeat(600)}\`\`\``,
			fields: Array.from({ length: 40 }, (_, i) => ({ label: `Field ${i} ${"l".repeat(300)}`, value: `value ${i} ${"v".repeat(2000)}` })),
			table: {
				columns: ["workload", "status"],
				rows: Array.from({ length: 200 }, (_, i) => [`deployment/app-${i}`, i % 2 ? "pass" : "fail"]),
			},
			buttons: Array.from({ length: 30 }, (_, i) => ({
				action: "explain",
				label: `Explain term ${i} ${"b".repeat(100)}`,
				value: `term-${i}`,
			})),
			files: Array.from({ length: 12 }, (_, i) => ({
				name: `part-${i}.csv`,
				mediaType: "text/csv",
				content: `a,b\n${i},${i}\n`,
				title: `Part ${i}`,
			})),
			footer: `Footer ${"f".repeat(3000)}`,
			thread: Array.from({ length: 30 }, (_, i) => ({
				header: `Detail ${i}`,
				text: "d ".repeat(1500),
				buttons: [{ action: "explain", label: `More ${i}`, value: `more-${i}` }],
			})),
		};
		const messages = rendered(huge);
		expect(messages.length).toBeLessThanOrEqual(5);
		expect(visible(messages)).toContain("cut here: the whole reply is in the attached file");
		const file = whole(messages);
		expect(file).toContain("Opening line.");
		expect(file).toContain("value 39");
		expect(file).toContain("Detail 29");
		expect(file).toContain("deployment/app-199");
		const ids = messages.flatMap((m) => m.components.flatMap((row) => row.components.map((b) => b.custom_id)));
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.slice(0, 30).map((id) => decodeButtonId(id)?.value)).toEqual(Array.from({ length: 30 }, (_, i) => `term-${i}`));
	});

	it("in an edit (one message), keeps the reply's own message and leaves its thread alone", () => {
		const messages = rendered(
			{
				header: "Quiz",
				text: "Which probe?",
				buttons: [{ action: "quiz-post", label: "A. liveness", value: "q:0" }],
				thread: [{ text: "details" }],
			},
			{ single: true },
		);
		expect(messages).toHaveLength(1);
		expect(visible(messages)).not.toContain("details");
	});

	it("says where a file too large to attach would have been, and keeps the rest", () => {
		const big = new Uint8Array(L.fileBytes + 1);
		const messages = rendered({
			text: "Report",
			files: [
				{ name: "big.bin", mediaType: "application/octet-stream", content: big, title: "The big one" },
				{ name: "small.txt", mediaType: "text/plain", content: "ok" },
			],
		});
		expect(messages[0]?.content).toContain("The big one: too large to attach here");
		expect(messages[0]?.files.map((f) => f.name)).toEqual(["small.txt"]);
	});

	it("shows an image as an attachment with its alt text", () => {
		const [message] = rendered({
			header: "Participation",
			image: { alt: "Answers per week, rising", png: new Uint8Array([137, 80, 78, 71]) },
		});
		expect(message?.files).toEqual([
			{ name: "image.png", contentType: "image/png", data: new Uint8Array([137, 80, 78, 71]), description: "Answers per week, rising" },
		]);
	});
});
