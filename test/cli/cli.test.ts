import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONSOLE_AUDIT_FILE } from "../../bin/audit-log.ts";
import { repoRoot } from "../helpers/course.ts";

// The real entry points, run as a user runs them: a separate Node process.
function run(script: string, args: string[], input = "", env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, [join(repoRoot, script), ...args], {
		input,
		encoding: "utf8",
		cwd: repoRoot,
		env: { ...process.env, NO_COLOR: "1", ...env },
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("kubecoach explain", () => {
	it("prints one JSON answer with the contract fields", () => {
		const { code, stdout } = run("bin/kubecoach.js", ["explain", "--json", "why exit code 137?"]);
		expect(code).toBe(0);
		const answer = JSON.parse(stdout);
		expect(answer).toMatchObject({ answered: true, episode: 2, term: "exit-code-137", shape: "why" });
		expect(typeof answer.title).toBe("string");
		expect(typeof answer.text).toBe("string");
		expect(answer.confidence).toBeGreaterThan(0.5);
		expect(Array.isArray(answer.alternatives)).toBe(true);
	});

	it("answers a batch: one JSON line per input line, in order", () => {
		const { code, stdout } = run(
			"bin/kubecoach.js",
			["explain", "--batch"],
			"what is a PDB\nhow do I make sourdough bread\nBack-off restarting failed container\n",
		);
		expect(code).toBe(0);
		const answers = stdout
			.trim()
			.split("\n")
			.map((line) => JSON.parse(line));
		expect(answers.map((a) => a.answered)).toEqual([true, false, true]);
		expect(answers[1].episode).toBeNull();
		// Nothing in the course is related to bread: no topics are offered.
		expect(answers[1].alternatives).toEqual([]);
		expect(answers[2].term).toBe("crashloopbackoff");
	});

	it("prints a readable answer without --json", () => {
		const { stdout } = run("bin/kubecoach.js", ["explain", "OOMKilled"]);
		expect(stdout).toContain("== OOMKilled ==");
		expect(stdout).toContain("Run first:");
	});

	it("fills the commands with the names in a pasted error and says how sure it is", () => {
		const error =
			'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:payments:ci" cannot list resource "pods" in API group "" in the namespace "payments"';
		const { code, stdout } = run("bin/kubecoach.js", ["explain", "--json", error]);
		expect(code).toBe(0);
		const answer = JSON.parse(stdout);
		expect(answer).toMatchObject({ answered: true, term: "forbidden-error", names: { namespace: "payments", serviceAccount: "ci" } });
		expect(answer.diagnose.map((d: { command: string }) => d.command).join("\n")).toContain("--as=system:serviceaccount:payments:ci");
		expect(JSON.stringify(answer.diagnose)).not.toContain("-n shop");
	});

	it("exits 2 with the usage when the question is missing or an option is unknown", () => {
		const missing = run("bin/kubecoach.js", ["explain"]);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain("no question given");
		expect(missing.stderr).toContain("Usage: kubecoach explain");
		expect(run("bin/kubecoach.js", ["explain", "--yaml", "x"]).stderr).toContain("unknown option --yaml");
		expect(run("bin/kubecoach.js", ["frobnicate"]).code).toBe(2);
	});

	it("exits 2 and says how to fix it when the course pack is missing", () => {
		const { code, stderr } = run("bin/kubecoach.js", ["explain", "x"], "", { KUBECOACH_COURSE: "no-such-pack" });
		expect(code).toBe(2);
		expect(stderr).toContain('No course pack "no-such-pack"');
		expect(stderr).toContain("Set KUBECOACH_CONTENT_DIR");
	});

	it("finds the course where KUBECOACH_CONFIG's file puts it", () => {
		const folder = mkdtempSync(join(tmpdir(), "kubecoach-cli-"));
		const file = join(folder, "kubecoach.yaml");
		writeFileSync(file, "course:\n  name: pack-from-the-file\n");
		const { code, stderr } = run("bin/kubecoach.js", ["explain", "x"], "", { KUBECOACH_CONFIG: file });
		rmSync(folder, { recursive: true, force: true });
		expect(code).toBe(2);
		expect(stderr).toContain('No course pack "pack-from-the-file"');
	});

	it("answers whatever the settings it never reads say (a chat token, a port): it needs only the course", () => {
		const { code, stdout, stderr } = run("bin/kubecoach.js", ["explain", "OOMKilled"], "", { PORT: "not-a-port", SLACK_BOT_TOKEN: "bad" });
		expect(stderr).toBe("");
		expect(code).toBe(0);
		expect(stdout).toContain("OOMKilled");
	});
});

describe("npm start with nothing configured", () => {
	it("runs the console bot on piped input and exits at the end of it", () => {
		// Its own data folder, so that the run leaves nothing behind in the repository.
		const dataDir = mkdtempSync(join(tmpdir(), "kubecoach-cli-"));
		const { code, stdout } = run("bin/start.ts", [], "/explain exit code 137\n", { KUBECOACH_DATA_DIR: dataDir });
		rmSync(dataDir, { recursive: true, force: true });
		expect(code).toBe(0);
		expect(stdout).toContain("Episode 2: Resource Management");
	});

	it("keeps the audit log out of the console's conversation: a readiness run is audited in the data folder", () => {
		const dataDir = mkdtempSync(join(tmpdir(), "kubecoach-cli-"));
		const { code, stdout, stderr } = run("bin/start.ts", [], "/readiness --demo\n", { KUBECOACH_DATA_DIR: dataDir });
		const audit = readFileSync(join(dataDir, CONSOLE_AUDIT_FILE), "utf8");
		rmSync(dataDir, { recursive: true, force: true });
		expect(code).toBe(0);
		expect(stdout).toContain("Readiness of demo");
		expect(`${stdout}${stderr}`).not.toContain('"kind":"audit"');
		const lines = audit
			.trim()
			.split("\n")
			.map((line) => JSON.parse(line) as { kind: string; command: string });
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ kind: "audit", command: expect.stringContaining("readiness") });
	});
});
