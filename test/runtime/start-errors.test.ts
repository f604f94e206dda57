/**
 * `kubecoach start` refusing to start, as an operator meets it: one line on standard error that
 * says what is wrong and how to fix it, exit code 2, no stack trace and no secret.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";

const home = mkdtempSync(join(tmpdir(), "kubecoach-start-errors-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function start(env: Record<string, string>) {
	const result = spawnSync(process.execPath, [join(repoRoot, "bin/start.ts")], {
		cwd: repoRoot,
		env: { PATH: process.env.PATH ?? "", HOME: home, KUBECOACH_DATA_DIR: join(home, "data"), ...env },
		input: "",
		encoding: "utf8",
		timeout: 20_000,
	});
	// The last line is the refusal; lines before it are the log's (JSON: stderr is a pipe).
	const lines = result.stderr.trimEnd().split("\n");
	return { status: result.status, stderr: result.stderr, last: lines.at(-1) ?? "" };
}

function expectOneClearLine(run: ReturnType<typeof start>, ...parts: string[]) {
	expect(run.status).toBe(2);
	expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
	for (const part of parts) expect(run.last).toContain(part);
}

describe("kubecoach start refuses in one line", () => {
	it("when Redis does not answer: names REDIS_URL, hides its password", () => {
		const run = start({ REDIS_URL: "redis://:hunter2-password@127.0.0.1:1" });
		expectOneClearLine(run, "Cannot reach Redis at redis://:***@127.0.0.1:1 (REDIS_URL)", "ECONNREFUSED");
		expect(run.stderr).not.toContain("hunter2-password");
	});

	it("when the store file is damaged: names the file", () => {
		const dir = join(home, "damaged");
		mkdirSync(dir);
		writeFileSync(join(dir, "kubecoach.db"), "this is not a database, but it is long enough to be read as one");
		expectOneClearLine(start({ KUBECOACH_DATA_DIR: dir }), `${join(dir, "kubecoach.db")} is damaged`);
	});

	it("when the data folder cannot be a folder: names it and the variable", () => {
		const file = join(home, "a-file");
		writeFileSync(file, "");
		expectOneClearLine(start({ KUBECOACH_DATA_DIR: file }), file, "KUBECOACH_DATA_DIR");
	});

	it("when the configuration is broken: names the variable and what is expected", () => {
		expectOneClearLine(start({ KUBECOACH_QUIZ_OPEN_HOURS: "soon" }), "KUBECOACH_QUIZ_OPEN_HOURS", "expected number");
	});

	it("when PORT is taken: says so and how to fix it", async () => {
		const { createServer } = await import("node:net");
		const taken = createServer();
		await new Promise<void>((resolve) => taken.listen(0, resolve));
		const port = (taken.address() as { port: number }).port;
		try {
			expectOneClearLine(start({ PORT: String(port) }), `port ${port}`, "Set PORT to a free port");
		} finally {
			taken.close();
		}
	});
});
