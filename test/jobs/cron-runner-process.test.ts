/** The runner in a process of its own, on real timers: it keeps the process alive while jobs are scheduled, and not after stop(). */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";

it("keeps a process alive for its fires, and lets it exit once stopped", async () => {
	const child = spawn(process.execPath, [join(import.meta.dirname, "fixtures", "two-fires.ts")], { stdio: ["ignore", "pipe", "pipe"] });
	let output = "";
	child.stdout.on("data", (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr.on("data", (chunk: Buffer) => {
		output += chunk.toString();
	});
	// Generous: the fires come a second apart; a process that never exits is killed and fails below.
	const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
	const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
	clearTimeout(killer);
	expect(output).toMatch(/^run \S+Z\nrun \S+Z\nstopped\n$/);
	expect(code).toBe(0);
});
