/**
 * A week of downtime, then two replicas come back at once on one store (each its own jobs, chat
 * and clock): the missed drop goes out once, marked late, each overdue quiz once, and the
 * schedule carries on without a second catch-up.
 */
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../fakes/memory-store.ts";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CKOLKATA";
const MINUTE = 60_000;

describe("catch-up after a week down, with two replicas", () => {
	it("posts the missed drop and each overdue quiz exactly once between them", async () => {
		const store = new MemoryStore();
		const replicas = [makeWorld({ start: "2026-03-01T00:00:00Z", store }), makeWorld({ start: "2026-03-01T00:00:00Z", store })];
		const [a, b] = replicas;
		if (!a || !b) throw new Error("two replicas");
		// Daily 09:00 in Kolkata is 03:30 UTC.
		await a.say(CH, ADMIN, '/course start "every day at 9" Asia/Kolkata');
		const together = async (at: string) => {
			await Promise.all(replicas.map((r) => r.tick(at)));
		};
		for (let t = Date.parse("2026-03-01T00:00:00Z") + 30 * MINUTE; t <= Date.parse("2026-03-02T04:00:00Z"); t += 30 * MINUTE) {
			await together(new Date(t).toISOString());
		}
		const posts = () =>
			[...a.chat.posts, ...b.chat.posts].filter((p) => p.channelId === CH).sort((x, y) => x.at.getTime() - y.at.getTime());
		expect(posts().map((p) => p.reply.header)).toEqual([
			"New episode · Episode 1: Production Mindset",
			"New episode · Episode 2: Resource Management",
			"Recall quiz · Episode 1: Production Mindset",
		]);

		// Down from 2 March 04:00 to 9 March 12:00 UTC: seven 09:00 drops and Episode 1-2's quizzes missed.
		await together("2026-03-09T12:00:00Z");
		const caughtUp = posts().slice(3);
		const drop = caughtUp.filter((p) => p.reply.header?.startsWith("New episode"));
		expect(drop.map((p) => p.reply.header)).toEqual(["New episode · Episode 3: RBAC and Secrets"]);
		expect(drop[0]?.reply.text).toContain("Posted late: this was due Tue, 3 Mar 2026, 09:00 (Asia/Kolkata), when I was offline.");
		// Episode 1's last two recall quizzes and Episode 2's three had opened meanwhile: each once, late.
		const quizzes = caughtUp.filter((p) => p.reply.header?.startsWith("Recall quiz"));
		expect(quizzes.map((q) => q.reply.header).sort()).toEqual([
			...Array(2).fill("Recall quiz · Episode 1: Production Mindset"),
			...Array(3).fill("Recall quiz · Episode 2: Resource Management"),
		]);
		expect(new Set(quizzes.map((q) => q.reply.buttons?.[0]?.value)).size).toBe(5);
		expect(quizzes.every((q) => q.reply.text?.startsWith("Posted late"))).toBe(true);
		expect(caughtUp).toHaveLength(6);

		// Running on: no second catch-up, the next drop on time at 09:00 Kolkata.
		for (let t = Date.parse("2026-03-09T12:00:00Z") + 30 * MINUTE; t <= Date.parse("2026-03-10T04:00:00Z"); t += 30 * MINUTE) {
			await together(new Date(t).toISOString());
		}
		const drops = posts().filter((p) => p.reply.header?.startsWith("New episode"));
		expect(drops.map((d) => d.at.toISOString())).toEqual([
			"2026-03-01T03:30:00.000Z",
			"2026-03-02T03:30:00.000Z",
			"2026-03-09T12:00:00.000Z",
			"2026-03-10T03:30:00.000Z",
		]);
	});
});
