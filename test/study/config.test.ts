import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("study settings from the environment", () => {
	it("has defaults: no admins, UTC, recall after 1, 3 and 7 days, quizzes open 24 hours", () => {
		expect(parseConfig({})).toMatchObject({
			KUBECOACH_ADMINS: [],
			KUBECOACH_TIME_ZONE: "UTC",
			KUBECOACH_RECALL_DAYS: [1, 3, 7],
			KUBECOACH_QUIZ_OPEN_HOURS: 24,
			KUBECOACH_DEMO_EVERY: 30,
			KUBECOACH_CLAIM_LEASE_SECONDS: 120,
			KUBECOACH_JOB_TICK_SECONDS: 60,
		});
	});

	it("reads lists and numbers, and refuses an unknown time zone or bad recall days with what is accepted", () => {
		expect(
			parseConfig({ KUBECOACH_ADMINS: "slack:T1:U1, discord:G1:U2", KUBECOACH_RECALL_DAYS: "0.5,2", KUBECOACH_TIME_ZONE: "Asia/Tokyo" }),
		).toMatchObject({
			KUBECOACH_ADMINS: ["slack:T1:U1", "discord:G1:U2"],
			KUBECOACH_RECALL_DAYS: [0.5, 2],
			KUBECOACH_TIME_ZONE: "Asia/Tokyo",
		});
		expect(() => parseConfig({ KUBECOACH_TIME_ZONE: "Moon/Base" })).toThrow(ConfigError);
		expect(() => parseConfig({ KUBECOACH_TIME_ZONE: "Moon/Base" })).toThrow(/KUBECOACH_TIME_ZONE: "Moon\/Base" is not a time zone I know/);
		expect(() => parseConfig({ KUBECOACH_RECALL_DAYS: "one,three" })).toThrow(/positive numbers separated by commas/);
		expect(() => parseConfig({ KUBECOACH_DEMO_EVERY: "90" })).toThrow(/KUBECOACH_DEMO_EVERY/);
		expect(parseConfig({ KUBECOACH_CLAIM_LEASE_SECONDS: "5" })).toMatchObject({ KUBECOACH_CLAIM_LEASE_SECONDS: 5 });
		expect(() => parseConfig({ KUBECOACH_JOB_TICK_SECONDS: "90" })).toThrow(/KUBECOACH_JOB_TICK_SECONDS.*whole seconds from 1 to 60/);
		expect(() => parseConfig({ KUBECOACH_CLAIM_LEASE_SECONDS: "0" })).toThrow(
			/KUBECOACH_CLAIM_LEASE_SECONDS.*a number of seconds greater than 0/,
		);
	});

	it("refuses Slack's app token or signing secret without its bot token instead of leaving Slack off silently", () => {
		expect(() => parseConfig({ SLACK_APP_TOKEN: "xapp-1-A1-abc" })).toThrow(
			/SLACK_BOT_TOKEN: SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not/,
		);
		expect(() => parseConfig({ SLACK_SIGNING_SECRET: "s3cr3t" })).toThrow(/SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not/);
		expect(() => parseConfig({ SLACK_SIGNING_SECRET: "s3cr3t" })).not.toThrow(/s3cr3t/);
		expect(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1-abc", SLACK_APP_TOKEN: "xapp-1-A1-abc" }).SLACK_APP_TOKEN).toBe("xapp-1-A1-abc");
	});
});
