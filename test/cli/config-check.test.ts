import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";

const folder = mkdtempSync(join(tmpdir(), "kubecoach-config-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Only the variables a test gives (and PATH): the runner's own environment must not configure the bot. */
function kubecoach(args: string[], env: Record<string, string>) {
	const result = spawnSync(process.execPath, [join(repoRoot, "bin/kubecoach.js"), ...args], {
		encoding: "utf8",
		cwd: repoRoot,
		input: "",
		env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env },
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const secrets = {
	SLACK_BOT_TOKEN: "xoxb-9999-secret-bot-value",
	SLACK_SIGNING_SECRET: "signing-secret-value-42",
	DISCORD_TOKEN: "discord.secret.value",
	REDIS_URL: "redis://kubecoach:redis-password-value@127.0.0.1:6379",
};

describe("kubecoach config check", () => {
	it("prints the effective settings, where each came from, and never a secret", () => {
		const file = join(folder, "good.yaml");
		writeFileSync(
			file,
			"http:\n  port: 4000\ncourse:\n  timeZone: Asia/Tokyo\nchat:\n  discord:\n    applicationId: '813847887657123840'\n",
		);
		const { code, stdout, stderr } = kubecoach(["config", "check"], {
			...secrets,
			KUBECOACH_CONFIG: file,
			KUBECOACH_TIME_ZONE: "Europe/Paris",
		});
		expect(stderr).toBe("");
		expect(code).toBe(0);
		const row = (setting: string) =>
			stdout
				.split("\n")
				.find((line) => line.startsWith(`${setting} `))
				?.split(/\s{2,}/);
		expect(row("PORT")).toEqual(["PORT", "http.port", "4000", `file ${file}:2`]);
		expect(row("KUBECOACH_TIME_ZONE")).toEqual(["KUBECOACH_TIME_ZONE", "course.timeZone", "Europe/Paris", "env"]);
		expect(row("KUBECOACH_QUIZ_OPEN_HOURS")).toEqual(["KUBECOACH_QUIZ_OPEN_HOURS", "course.quizOpenHours", "24", "default"]);
		expect(row("SLACK_BOT_TOKEN")).toEqual(["SLACK_BOT_TOKEN", "-", "(set, hidden)", "env"]);
		expect(row("REDIS_URL")?.[2]).toBe("redis://kubecoach:****@127.0.0.1:6379");
		for (const part of ["9999-secret", "signing-secret-value", "discord.secret", "redis-password-value"])
			expect(stdout).not.toContain(part);
	});

	it("exits 2 with the problems one per line, typos included, and no secret from the file", () => {
		const file = join(folder, "typo.yaml");
		writeFileSync(file, "readiness:\n  namespace: [payments]\nchat:\n  slack:\n    botToken: xoxb-1-file-secret\nhttp:\n  port: high\n");
		const { code, stdout, stderr } = kubecoach(["config", "check", "--file", file], {});
		expect(code).toBe(2);
		expect(stdout).toBe("");
		expect(stderr.trim().split("\n")).toEqual([
			"kubecoach: the configuration is not valid (3 problems):",
			`${file}:2: readiness.namespace: unknown setting; did you mean "namespaces"? (known here: namespaces)`,
			`${file}:5: chat.slack.botToken: secrets are not read from the file; remove it and set SLACK_BOT_TOKEN in the environment`,
			expect.stringMatching(new RegExp(`^${file}:7: http\\.port: `)),
		]);
		expect(stderr).not.toContain("file-secret");
	});

	it("kubecoach start refuses a broken configuration with one line per problem, exit 2, no stack trace", () => {
		const file = join(folder, "broken.yaml");
		writeFileSync(file, "course:\n  timezone: UTC\n  recallDays: [0]\n");
		const { code, stderr } = kubecoach(["start"], { KUBECOACH_CONFIG: file });
		expect(code).toBe(2);
		const lines = stderr.trim().split("\n");
		expect(lines).toEqual([
			expect.stringMatching(new RegExp(`^kubecoach: ${file}:2: course\\.timezone: unknown setting; did you mean "timeZone"\\?`)),
			`kubecoach: ${file}:3: course.recallDays: recall days must be greater than 0`,
		]);
		expect(kubecoach(["start"], { KUBECOACH_CONFIG: join(folder, "missing.yaml") }).stderr).toBe(
			`kubecoach: KUBECOACH_CONFIG: cannot read the configuration file ${join(folder, "missing.yaml")} (no such file); point it at a readable YAML file, or unset it\n`,
		);
	});
});
