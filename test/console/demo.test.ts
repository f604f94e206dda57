/**
 * `kubecoach start --demo` end to end, as a user runs it: a separate Node process on a fast
 * schedule (a drop every 6 seconds), read and typed into through pipes. It waits for output, as a
 * person would, rather than for fixed times.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoStudyOptions } from "../../bin/demo.ts";
import { parseSchedule } from "../../src/schedule/schedule.ts";
import { defaultStudyOptions } from "../../src/study/study-options.ts";
import { repoRoot } from "../helpers/course.ts";

describe("the demo's schedule", () => {
	it.each([
		[30, 30],
		[6, 6],
		// "*/45" seconds would drop at :00 and :45, 15 s apart: 45 runs as 30, 7 as 6.
		[45, 30],
		[7, 6],
		[59, 30],
	])("KUBECOACH_DEMO_EVERY=%i drops every %i seconds, evenly", (requested, every) => {
		const options = demoStudyOptions(defaultStudyOptions, requested);
		const schedule = parseSchedule(options.defaultSchedule, "UTC");
		let at = new Date("2026-01-01T00:00:00Z");
		const gaps = new Set<number>();
		for (let i = 0; i < 10; i++) {
			const next = schedule.next(at);
			if (!next) throw new Error("the demo schedule never fires");
			if (i > 0) gaps.add(next.getTime() - at.getTime());
			at = next;
		}
		expect([...gaps]).toEqual([every * 1000]);
		expect(options.quizOpenMs).toBe(every * 1000);
		expect(options.recallOffsetsMs[0]).toBeLessThan(every * 1000);
	});
});

describe("npm start -- --demo", () => {
	it("drops Episode 1 and posts its first recall quiz; a letter answers it and /quiz mine counts it", async () => {
		const child = spawn(process.execPath, [join(repoRoot, "bin/start.ts"), "--demo"], {
			cwd: repoRoot,
			// A quiz stays open one interval from its scheduled time: 20 s leaves a loaded machine (a CI
			// run beside a hundred other test files) time to answer a quiz that was posted late.
			env: { ...process.env, NO_COLOR: "1", KUBECOACH_DEMO_EVERY: "20" },
			stdio: ["pipe", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		const waiters: { text: string | RegExp; resolve: () => void }[] = [];
		const has = (text: string | RegExp) => (typeof text === "string" ? stdout.includes(text) : text.test(stdout));
		child.stdout.on("data", (chunk: Buffer) => {
			stdout += chunk.toString();
			for (const waiter of waiters.splice(0)) {
				if (has(waiter.text)) waiter.resolve();
				else waiters.push(waiter);
			}
		});
		child.stderr.on("data", (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
		const seen = (text: string | RegExp) =>
			new Promise<void>((resolve, reject) => {
				if (has(text)) return resolve();
				waiters.push({ text, resolve });
				exited.then(() => reject(new Error(`exited before printing ${String(text)}:\n${stdout}\n${stderr}`)));
			});

		try {
			await seen("== New episode · Episode 1: Production Mindset ==");
			await seen("== Recall quiz · Episode 1: Production Mindset ==");
			child.stdin.write("a\n");
			// The private feedback, and the running count on the channel post.
			await seen(/== (Right|Not quite) ==/);
			await seen("1 answer so far");
			child.stdin.write("/quiz mine\n");
			await seen("== Your progress in this channel ==");
			expect(stdout).toMatch(/Quizzes answered here:\n {2}1 \(\d right\)\n/);
			child.stdin.end();
			expect(await exited).toBe(0);
			expect(stderr).toBe("");
		} finally {
			child.kill();
		}
	}, 90_000);
});
