/** Edits of one message, newest wins: one on its way at a time, the last of those waiting sent, every caller settled with it. */
import { describe, expect, it } from "vitest";
import { LatestWins } from "../../adapters/discord/latest-wins.ts";

describe("latest-wins edits", () => {
	it("sends the first at once and only the newest of those that waited, resolving every caller", async () => {
		const edits = new LatestWins<number>();
		const sent: number[] = [];
		let release: () => void = () => {};
		const send = async (value: number) => {
			sent.push(value);
			if (value === 1) await new Promise<void>((resolve) => (release = resolve));
		};
		const calls = [1, 2, 3, 4].map((n) => edits.run("msg", n, send));
		release();
		await Promise.all(calls);
		expect(sent).toEqual([1, 4]);
	});

	it("keeps messages apart, and rejects the callers of an edit that failed (the next one is tried)", async () => {
		const edits = new LatestWins<string>();
		const sent: string[] = [];
		const first = edits.run("a", "a1", async (v) => {
			sent.push(v);
			throw new Error("gone");
		});
		const other = edits.run("b", "b1", async (v) => {
			sent.push(v);
		});
		await expect(first).rejects.toThrow("gone");
		await other;
		await edits.run("a", "a2", async (v) => {
			sent.push(v);
		});
		expect(sent).toEqual(["a1", "b1", "a2"]);
	});
});
