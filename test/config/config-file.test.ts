import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.ts";
import { resolveConfig, shownValue } from "../../src/config-file.ts";
import { repoRoot } from "../helpers/course.ts";

/** The problems a configuration is refused with, one line each. */
function problems(text: string, env: Record<string, string> = {}): readonly string[] {
	try {
		resolveConfig(env, { name: "kubecoach.yaml", text });
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error("the configuration was accepted");
}

describe("the configuration file", () => {
	it("validates the README's complete example", () => {
		const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
		const example = /```yaml\n(# kubecoach\.yaml[\s\S]*?)```/.exec(readme)?.[1];
		expect(example).toBeDefined();
		// Discord's application id comes with its token, a secret from the environment.
		const { config, sources } = resolveConfig({ DISCORD_TOKEN: "MTIz.token.part" }, { name: "README.md", text: example as string });
		expect(config.KUBECOACH_READINESS_NAMESPACES).toEqual(["payments", "team-*"]);
		expect(config.DISCORD_APPLICATION_ID).toBe("813847887657123840");
		expect(config.policy?.readiness).toHaveLength(2);
		expect(config.KUBECOACH_PARTICIPATION_PER_PERSON).toBe("on");
		expect(sources.KUBECOACH_TIME_ZONE).toMatchObject({ from: "file", line: expect.any(Number) });
	});

	it("maps nested keys onto the flat settings; the environment overrides the file, the file the defaults", () => {
		const text =
			"http:\n  port: 4000\ncourse:\n  timeZone: Asia/Tokyo\n  recallDays: [2, 5]\nadmins: ['slack:T1:U1']\nlog:\n  verbose: true\n";
		const { config, sources } = resolveConfig({ KUBECOACH_TIME_ZONE: "Europe/Paris" }, { name: "kubecoach.yaml", text });
		expect(config).toMatchObject({
			PORT: 4000,
			KUBECOACH_TIME_ZONE: "Europe/Paris",
			KUBECOACH_RECALL_DAYS: [2, 5],
			KUBECOACH_ADMINS: ["slack:T1:U1"],
			KUBECOACH_VERBOSE: "1",
			KUBECOACH_QUIZ_OPEN_HOURS: 24,
		});
		expect(sources.PORT).toEqual({ from: "file", path: "kubecoach.yaml", line: 2 });
		expect(sources.KUBECOACH_TIME_ZONE).toEqual({ from: "env" });
		expect(sources.KUBECOACH_QUIZ_OPEN_HOURS).toEqual({ from: "default" });
	});

	it("names every mistake with its line, path and what is expected", () => {
		const found = problems("http:\n  port: 70000\ncourse:\n  timeZone: Moon/Base\n  recallDays: [1, x]\nreadiness:\n  namespaces: seven\n");
		expect(found).toEqual([
			"kubecoach.yaml:2: http.port: a TCP port from 0 to 65535",
			expect.stringMatching(/^kubecoach\.yaml:4: course\.timeZone: "Moon\/Base" is not a time zone I know/),
			expect.stringMatching(/^kubecoach\.yaml:5: course\.recallDays\[1\]: recall days: positive numbers/),
			expect.stringMatching(/^kubecoach\.yaml:5: course\.recallDays: /),
			"kubecoach.yaml:7: readiness.namespaces: expected a list, such as [a, b] or one '- item' a line",
		]);
	});

	it("refuses unknown keys, with the closest known one", () => {
		expect(problems("readiness:\n  namespace: [payments]\ncourse:\n  timezone: UTC\nadmin: []\n")).toEqual([
			'kubecoach.yaml:2: readiness.namespace: unknown setting; did you mean "namespaces"? (known here: namespaces)',
			expect.stringMatching(/^kubecoach\.yaml:4: course\.timezone: unknown setting; did you mean "timeZone"\?/),
			expect.stringMatching(/^kubecoach\.yaml:5: admin: unknown setting; did you mean "admins"\?/),
		]);
		expect(problems("policy:\n  readiness:\n    - who: ['*']\n      cluster: [default]\n      namespaces: [a]\n")).toEqual([
			"kubecoach.yaml:3: policy.readiness[0].clusters: missing; expected a list of kubeconfig contexts",
			expect.stringMatching(/^kubecoach\.yaml:4: policy\.readiness\[0\]\.cluster: unknown setting; did you mean "clusters"\?/),
		]);
	});

	it("refuses a secret in the file with the variable to use, never quoting it", () => {
		const text = [
			"chat:",
			"  slack:",
			"    botToken: xoxb-1111-file-secret",
			"    signingSecret: s3cr3t-in-file",
			"  discord:",
			"    token: discord-file-secret",
			"store:",
			"  redis:",
			"    url: redis://kubecoach:redis-file-secret@redis:6379",
			"course:",
			"  name: xapp-1-pasted-token",
		].join("\n");
		const found = problems(text);
		expect(found).toEqual([
			"kubecoach.yaml:3: chat.slack.botToken: secrets are not read from the file; remove it and set SLACK_BOT_TOKEN in the environment",
			"kubecoach.yaml:4: chat.slack.signingSecret: secrets are not read from the file; remove it and set SLACK_SIGNING_SECRET in the environment",
			"kubecoach.yaml:6: chat.discord.token: secrets are not read from the file; remove it and set DISCORD_TOKEN in the environment",
			"kubecoach.yaml:9: store.redis.url: a Redis URL with a password is a secret; remove it from the file and set REDIS_URL in the environment",
			"kubecoach.yaml:11: course.name: this looks like a Slack token; remove it from the file and set SLACK_APP_TOKEN in the environment",
		]);
		for (const secret of ["file-secret", "s3cr3t", "pasted-token"]) expect(found.join("\n")).not.toContain(secret);
	});

	it("names an environment variable's mistake by the variable, and says when YAML itself is broken", () => {
		expect(problems("http:\n  port: 4000\n", { PORT: "many" })).toEqual([expect.stringMatching(/^PORT \(environment\): /)]);
		expect(problems("course:\n  name: [unclosed\n")[0]).toMatch(/^kubecoach\.yaml:\d+: not valid YAML/);
	});

	it("hides secrets and a URL's password when it shows values", () => {
		expect(shownValue("SLACK_BOT_TOKEN", "xoxb-1-2")).toBe("(set, hidden)");
		expect(shownValue("SLACK_BOT_TOKEN", undefined)).toBe("(not set)");
		expect(shownValue("REDIS_URL", "redis://user:pa55word@host:6379")).toBe("redis://user:****@host:6379");
		expect(shownValue("REDIS_URL", "redis://pa55word@host:6379")).toBe("redis://****@host:6379");
		expect(shownValue("REDIS_URL", "redis://host:6379")).toBe("redis://host:6379");
	});
});
