import { z } from "zod";
import type { Policy } from "./authorization/policy.ts";
import { ConfigError } from "./config-error.ts";
import { COURSE_LOCATION_DEFAULTS } from "./course-location.ts";
import { ScheduleError } from "./schedule/schedule-error.ts";
import { checkTimeZone } from "./schedule/time-zone.ts";

export { ConfigError };

const splitList = (list: string): string[] =>
	list
		.split(",")
		.map((entry) => entry.trim())
		.filter((entry) => entry !== "");

const commaList = z.string().default("").transform(splitList);

/** An IANA time zone, refused with the checker's own sentence. */
const timeZone = z.string().transform((zone, context) => {
	try {
		return checkTimeZone(zone);
	} catch (error) {
		context.addIssue({ code: "custom", message: error instanceof ScheduleError ? error.message : String(error) });
		return z.NEVER;
	}
});

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

/** "host:port,host:port": Redis Cluster nodes or Sentinels. */
const hostPorts = (name: string) =>
	commaList.pipe(
		z
			.array(
				z
					.string()
					.regex(/^[\w.-]+:\d{1,5}$/, `${name}: host:port pairs separated by commas, such as "redis-0:6379,redis-1:6379"`)
					.transform((pair) => {
						const cut = pair.lastIndexOf(":");
						return { host: pair.slice(0, cut), port: Number(pair.slice(cut + 1)) };
					}),
			)
			.min(1, `${name}: at least one host:port`),
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
	KUBECOACH_CONTENT_DIR: z.string().min(1).default(COURSE_LOCATION_DEFAULTS.KUBECOACH_CONTENT_DIR),
	KUBECOACH_COURSE: z.string().min(1).default(COURSE_LOCATION_DEFAULTS.KUBECOACH_COURSE),
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
	/** Time zone of channels that do not set one. */
	KUBECOACH_TIME_ZONE: z.string().default("UTC").pipe(timeZone),
	/** Managers (issue 10): user or group ids, like KUBECOACH_ADMINS, who see participation. */
	KUBECOACH_MANAGERS: commaList,
	/** The channel id the weekly participation digest goes to. */
	KUBECOACH_DIGEST_CHANNEL: z.string().min(1).optional(),
	/** When the digest is posted: cron or plain words (default of the participation feature). */
	KUBECOACH_DIGEST_SCHEDULE: z.string().min(1).optional(),
	/** The managers' time zone, for the digest's schedule. */
	KUBECOACH_MANAGERS_TIME_ZONE: timeZone.optional(),
	/** Whether participation reports show per-person rows to managers. */
	KUBECOACH_PARTICIPATION_PER_PERSON: z.enum(["on", "off"], "on or off").default("on"),
	/** The audit log of `/readiness` and `/explain pod/` runs and refusals, one JSON line each; default standard error. */
	KUBECOACH_AUDIT_LOG: z.string().min(1).optional(),
	/** Days after a drop when its recall quizzes open. */
	KUBECOACH_RECALL_DAYS: positiveNumbers("recall days").default([1, 3, 7]),
	/** Hours a quiz post takes answers before the reveal. */
	KUBECOACH_QUIZ_OPEN_HOURS: z.coerce.number().positive("a number of hours greater than 0, such as 24").default(24),
	/**
	 * Seconds a replica holds a claimed scheduled post before another replica may take it over
	 * (the first died between claim and post). Longer than a post takes, Slack's retries included.
	 */
	KUBECOACH_CLAIM_LEASE_SECONDS: z.coerce.number().positive("a number of seconds greater than 0, such as 120").default(120),
	/** Seconds between two runs of the scheduled jobs (drops, quiz openings, reveals); 60: once a minute. */
	KUBECOACH_JOB_TICK_SECONDS: z.coerce.number().int().min(1).max(60, "whole seconds from 1 to 60").default(60),
	/** `--demo`: seconds between episode drops (recall quizzes and reveals are scaled to it). */
	KUBECOACH_DEMO_EVERY: z.coerce.number().int().min(2).max(59, "whole seconds from 2 to 59 (a cron seconds step)").default(30),
	/** Prefix of every Redis key, so that installations can share one Redis. */
	KUBECOACH_REDIS_PREFIX: z.string().min(1).default("kubecoach:"),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, "a URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380")
		.optional(),
	/**
	 * Redis Cluster (a managed one, or your own): some of its nodes as "host:port,host:port"; the
	 * client finds the rest. Instead of REDIS_URL; REDIS_PASSWORD is every node's password.
	 */
	REDIS_CLUSTER_NODES: hostPorts("REDIS_CLUSTER_NODES").optional(),
	/** Redis Sentinel: the sentinels as "host:port,host:port", with REDIS_SENTINEL_NAME (the master's name). Instead of REDIS_URL. */
	REDIS_SENTINELS: hostPorts("REDIS_SENTINELS").optional(),
	REDIS_SENTINEL_NAME: z.string().regex(/^\S+$/, "the master group's name the sentinels monitor, such as mymaster").optional(),
	/** The password of the Cluster's nodes or of the master Sentinel names (REDIS_URL carries its own). */
	REDIS_PASSWORD: z.string().optional(),
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

/** The settings' names (environment variables), in the order `kubecoach config check` prints them. */
export const SETTING_NAMES = Object.keys(configSchema.shape) as readonly SettingName[];
export type SettingName = keyof typeof configSchema.shape;

/** Secrets: read from the environment only, never from the file, never printed. */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set([
	"SLACK_BOT_TOKEN",
	"SLACK_APP_TOKEN",
	"SLACK_SIGNING_SECRET",
	"DISCORD_TOKEN",
	"REDIS_PASSWORD",
]);

export type FlatConfig = z.infer<typeof configSchema>;

/** The flat settings other code reads, plus the authorization policy (from the configuration file only). */
export type Config = FlatConfig & { readonly policy?: Policy };

/** The Discord token and application id enable Discord together; one alone is a mistake, not "Discord off". */
/** Slack's other settings without its bot token would leave Slack off without a word: a mistake. */
function slackToken(config: FlatConfig, context: z.RefinementCtx): void {
	if (config.SLACK_BOT_TOKEN !== undefined) return;
	for (const setting of ["SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"] as const) {
		if (config[setting] !== undefined) {
			context.addIssue({
				code: "custom",
				path: ["SLACK_BOT_TOKEN"],
				message: `${setting} is set but SLACK_BOT_TOKEN is not: set the bot token (xoxb-...) to run the bot in Slack, or unset ${setting}`,
			});
			return;
		}
	}
}

function discordPair(config: FlatConfig, context: z.RefinementCtx): void {
	if ((config.DISCORD_TOKEN === undefined) !== (config.DISCORD_APPLICATION_ID === undefined)) {
		const missing = config.DISCORD_TOKEN === undefined ? "DISCORD_TOKEN" : "DISCORD_APPLICATION_ID";
		context.addIssue({
			code: "custom",
			path: [missing],
			message: "set DISCORD_TOKEN and DISCORD_APPLICATION_ID together to run the bot in Discord",
		});
	}
}

/** One Redis at most: a URL, a Cluster or Sentinels; Sentinels need the master's name. */
function redisChoice(config: FlatConfig, context: z.RefinementCtx): void {
	const chosen = (["REDIS_URL", "REDIS_CLUSTER_NODES", "REDIS_SENTINELS"] as const).filter((key) => config[key] !== undefined);
	if (chosen.length > 1) {
		context.addIssue({ code: "custom", path: [chosen[1] ?? ""], message: `set one of ${chosen.join(" and ")}, not both` });
	}
	if ((config.REDIS_SENTINELS === undefined) !== (config.REDIS_SENTINEL_NAME === undefined)) {
		context.addIssue({
			code: "custom",
			path: [config.REDIS_SENTINELS === undefined ? "REDIS_SENTINELS" : "REDIS_SENTINEL_NAME"],
			message: "set REDIS_SENTINELS and REDIS_SENTINEL_NAME together to use Redis Sentinel",
		});
	}
}

/** A setting's problem: its name and zod's path inside it (a list's index). */
export interface SettingIssue {
	readonly setting: string;
	readonly index?: number;
	readonly message: string;
}

/** Validates the flat settings (environment names, string values); issues instead of an exception. */
export function checkSettings(values: Readonly<Record<string, string>>): { config: FlatConfig } | { issues: SettingIssue[] } {
	const result = configSchema.superRefine(slackToken).superRefine(discordPair).superRefine(redisChoice).safeParse(values);
	if (result.success) return { config: result.data };
	return {
		issues: result.error.issues.map((issue) => {
			const [setting, index] = issue.path;
			return { setting: String(setting ?? ""), ...(typeof index === "number" ? { index } : {}), message: issue.message };
		}),
	};
}

/** The environment alone (no configuration file): today's behaviour. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
	const defined = Object.fromEntries(
		Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
	);
	const checked = checkSettings(defined);
	if ("issues" in checked) throw new ConfigError(checked.issues.map((issue) => `${issue.setting}: ${issue.message}`));
	return checked.config;
}
