/**
 * Posts with files through discord.js's REST client (@discordjs/rest) and the HTTP client under it (undici, which
 * package.json pins to the one copy the rest of the bot uses): multipart bodies arrive whole, an
 * edit replaces the attachments, and a moment of server trouble (502) is retried to one message.
 */
import { afterEach, describe, expect, it } from "vitest";
import { coreChannel, type DiscordWorld, OTHER_CHANNEL, startDiscordWorld } from "./harness.ts";

const worlds: DiscordWorld[] = [];
afterEach(async () => {
	for (const world of worlds.splice(0)) await world.close();
});

async function world(): Promise<DiscordWorld> {
	const started = await startDiscordWorld();
	worlds.push(started);
	return started;
}

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);
const report = "kind: Deployment\nverdict: fail\n".repeat(200);

describe("posts with files", () => {
	it("arrive as multipart uploads with their bytes, names, types and the message text", async () => {
		const w = await world();
		await w.chat.post(coreChannel(OTHER_CHANNEL), {
			header: "Participation",
			text: "Answers per week",
			image: { alt: "Answers per week, rising", png },
			files: [{ name: "report.txt", mediaType: "text/plain", content: report }],
		});
		const [message] = w.standIn.messages(OTHER_CHANNEL);
		expect(message?.attachments.map((a) => [a.filename, a.content_type])).toEqual([
			["image.png", "image/png"],
			["report.txt", "text/plain"],
		]);
		expect(message?.attachments[0]?.data).toEqual(png);
		expect(new TextDecoder().decode(message?.attachments[1]?.data)).toBe(report);
		expect(message?.attachments[0]?.description).toBe("Answers per week, rising");
		expect(JSON.stringify(message?.embeds)).toContain("Answers per week");
	});

	it("an edit with a new file replaces the attachments of the message it edits", async () => {
		const w = await world();
		const ref = await w.chat.post(coreChannel(OTHER_CHANNEL), { text: "Checking payments ..." });
		await w.chat.update(coreChannel(OTHER_CHANNEL), ref, {
			text: "Readiness of payments: 2 failing",
			files: [{ name: "readiness.txt", mediaType: "text/plain", content: report }],
		});
		const [message] = w.standIn.messages(OTHER_CHANNEL);
		expect(message?.edited).toBe(1);
		expect(message?.attachments.map((a) => a.filename)).toEqual(["readiness.txt"]);
		expect(new TextDecoder().decode(message?.attachments[0]?.data)).toBe(report);
	});

	it("a 502 is retried and the post lands once", async () => {
		const w = await world();
		w.standIn.failNext("POST", new RegExp(`^/channels/${OTHER_CHANNEL}/messages$`), 1);
		await w.chat.post(coreChannel(OTHER_CHANNEL), { text: "Episode 3 is out", image: { alt: "chart", png } });
		const posts = w.standIn.calls.filter((c) => c.method === "POST" && c.path === `/channels/${OTHER_CHANNEL}/messages`);
		expect(posts.map((c) => c.status)).toEqual([502, 200]);
		expect(w.standIn.messages(OTHER_CHANNEL)).toHaveLength(1);
		expect(w.standIn.messages(OTHER_CHANNEL)[0]?.attachments[0]?.data).toEqual(png);
	});
});
