import { z } from "zod";
import { ScheduleError } from "./schedule/schedule-error.ts";
import { checkTimeZone } from "./schedule/time-zone.ts";

const splitList = (list: string): string[] =>
	list
		.split(",")
		.map((entry) => entry.trim())
		.filter((entry) => entry !== "");

const commaList = z.string().default("").transform(splitList);

const positiveNumbers = (what: string) =>
	commaList.pipe(
		z
			.array(
				z
					.string()
					.regex(/^\d+(\.\d+)?$/, `${what}: positive numbers separated by commas, such as "1,3,7"`)
					.transform(Number),
			)
			.refine((list) => list.every((n) => n > 0), `${what} must be greater than 0`),
	);

/** A Discord id (a snowflake): digits only. */
const snowflake = (hint: string) => z.string().regex(/^\d{15,21}$/, hint);

/**
 * Slack (adapters/slack): a bot token enables it; with an app-level token it runs in Socket Mode,
 * otherwise in HTTP mode, which needs the signing secret (the factory refuses to start without it).
 * Messages never quote a value: these are secrets.
 */
const slackSettings = {
	SLACK_BOT_TOKEN: z
		.string()
		.regex(/^xoxb-[\w-]+$/, "a bot token starting with xoxb- (the app's OAuth & Permissions page, Bot User OAuth Token)")
		.optional(),
	SLACK_APP_TOKEN: z
		.string()
		.regex(/^xapp-[\w-]+$/, "an app-level token starting with xapp- with the connections:write scope (Basic Information, App-Level Tokens)")
		.optional(),
	SLACK_SIGNING_SECRET: z
		.string()
		.regex(/^\S+$/, "the app's Signing Secret (Basic Information, App Credentials), without spaces")
		.optional(),
	/** The Web API base, for GovSlack, proxies and the tests' stand-in; default Slack's own. */
	SLACK_API_URL: z
		.string()
		.regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, "a URL such as https://slack.com/api/")
		.transform((url) => (url.endsWith("/") ? url : `${url}/`))
		.optional(),
};

/** Settings from the environment; only the composition root (bin/) reads the environment and passes it here. */
const configSchema = z.object({
	...slackSettings,
	/** The bot's HTTP server (Slack's HTTP mode at /slack/events). */
	PORT: z.coerce.number().int().min(0).max(65535, "a TCP port from 0 to 65535").default(3000),
	KUBECOACH_CONTENT_DIR: z.string().min(1).default("content"),
	KUBECOACH_COURSE: z.string().min(1).default("k8s-production-mastery"),
	KUBECOACH_DATA_DIR: z.string().min(1).default(".kubecoach"),
	/** Namespaces `/readiness` may audit from chat: comma-separated names, `*` matches any characters. */
	KUBECOACH_READINESS_NAMESPACES: z
		.string()
		.default("*")
		.transform(splitList)
		.pipe(
			z
				.array(
					z.string().regex(/^[-a-z0-9*]{1,63}$/, 'namespace names or patterns such as "payments,team-*" (lower case, digits, "-", "*")'),
				)
				.min(1, 'at least one namespace or pattern; "*" allows every namespace'),
		),
	/** "1": info lines (jobs that ran, channels paused) on standard error as well as warnings. */
	KUBECOACH_VERBOSE: z.enum(["0", "1"]).default("0"),
	/** User or group ids (src/chat/chat-ids.ts: "slack:T1:U1", "slack:T1:S123", "discord:G1:role:123") that may change any channel's course. */
	KUBECOACH_ADMINS: commaList,
	/** User or group ids (same format as KUBECOACH_ADMINS) who may see participation reports, privately. */
	KUBECOACH_MANAGERS: commaList,
	/** The managers' channel (a chat id such as "slack:T1:C9") that gets the weekly participation digest; none: no digest. */
	KUBECOACH_DIGEST_CHANNEL: z
		.string()
		.regex(/^(slack|discord):[^\s:]+:[^\s:]+$|^console:local$/, 'a channel id such as "slack:T0123:C0456" or "discord:<guild>:<channel>"')
		.optional(),
	/** When the digest goes out: cron or plain words, as `/course schedule`, in KUBECOACH_MANAGERS_TIME_ZONE. */
	KUBECOACH_DIGEST_SCHEDULE: z.string().min(1).default("mondays 09:00"),
	/** The managers' time zone (the digest's schedule, the report's weeks and dates); default KUBECOACH_TIME_ZONE. */
	KUBECOACH_MANAGERS_TIME_ZONE: z
		.string()
		.optional()
		.transform((zone, context) => {
			if (zone === undefined) return undefined;
			try {
				return checkTimeZone(zone);
			} catch (error) {
				context.addIssue({ code: "custom", message: error instanceof ScheduleError ? error.message : String(error) });
				return z.NEVER;
			}
		}),
	/** "on" (default): reports show a row per learner to managers; "off": only totals per week and topic. */
	KUBECOACH_PARTICIPATION_PER_PERSON: z.enum(["on", "off"], { message: 'either "on" or "off"' }).default("on"),
	/** Time zone of channels that do not set one. */
	KUBECOACH_TIME_ZONE: z
		.string()
		.default("UTC")
		.transform((zone, context) => {
			try {
				return checkTimeZone(zone);
			} catch (error) {
				context.addIssue({ code: "custom", message: error instanceof ScheduleError ? error.message : String(error) });
				return z.NEVER;
			}
		}),
	/** Days after a drop when its recall quizzes open. */
	KUBECOACH_RECALL_DAYS: positiveNumbers("recall days").default([1, 3, 7]),
	/** Hours a quiz post takes answers before the reveal. */
	KUBECOACH_QUIZ_OPEN_HOURS: z.coerce.number().positive("a number of hours greater than 0, such as 24").default(24),
	/** `--demo`: seconds between episode drops (recall quizzes and reveals are scaled to it). */
	KUBECOACH_DEMO_EVERY: z.coerce.number().int().min(2).max(59, "whole seconds from 2 to 59 (a cron seconds step)").default(30),
	/** Prefix of every Redis key, so that installations can share one Redis. */
	KUBECOACH_REDIS_PREFIX: z.string().min(1).default("kubecoach:"),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, "a URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380")
		.optional(),
	/** Discord: the bot token; with DISCORD_APPLICATION_ID it enables the Discord adapter. */
	DISCORD_TOKEN: z
		.string()
		.regex(/^[\w.-]+$/, "the bot token from the Developer Portal (Bot → Reset Token), without quotes or spaces")
		.optional(),
	/** Discord: the application's id (General Information → Application ID). */
	DISCORD_APPLICATION_ID: snowflake("the Application ID from the Developer Portal's General Information page").optional(),
	/** Discord: the REST API's base without the version (default https://discord.com/api); a proxy or a local stand-in. */
	DISCORD_API_URL: z
		.string()
		.regex(/^https?:\/\/[^\s]+$/, "a URL such as https://discord.com/api (without /v10)")
		.transform((url) => url.replace(/\/+$/, ""))
		.optional(),
	/** Discord: `npm run discord:register` registers the commands in this guild (at once) instead of globally. */
	DISCORD_GUILD_ID: snowflake("a server (guild) id: Developer Mode on, right-click the server, Copy Server ID").optional(),
});

export type Config = z.infer<typeof configSchema>;

/** The Discord token and application id enable Discord together; one alone is a mistake, not "Discord off". */
function discordPair(config: Config, context: z.RefinementCtx): void {
	if ((config.DISCORD_TOKEN === undefined) !== (config.DISCORD_APPLICATION_ID === undefined)) {
		const missing = config.DISCORD_TOKEN === undefined ? "DISCORD_TOKEN" : "DISCORD_APPLICATION_ID";
		context.addIssue({
			code: "custom",
			path: [missing],
			message: "set DISCORD_TOKEN and DISCORD_APPLICATION_ID together to run the bot in Discord",
		});
	}
}

export class ConfigError extends Error {
	readonly code = "config-invalid";
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
	const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
	const result = configSchema.superRefine(discordPair).safeParse(defined);
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
		throw new ConfigError(`The environment is not a valid kubecoach configuration:\n  ${problems.join("\n  ")}`);
	}
	return result.data;
}
