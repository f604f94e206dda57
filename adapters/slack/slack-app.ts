/**
 * What the Slack app is, as data: its slash commands, the events it listens to and the OAuth
 * scopes its Web API calls need. deploy/slack-manifest.yml is generated from this
 * (scripts/slack-manifest.ts) and a test keeps the two equal and checks this against what the
 * adapter registers and calls.
 */
import type { AppsManifestCreateArguments } from "@slack/web-api";
import { stringify } from "yaml";

export type SlackManifest = AppsManifestCreateArguments["manifest"];
/** Slack's own list of bot scopes: a typo is a type error. */
type BotScope = NonNullable<NonNullable<NonNullable<SlackManifest["oauth_config"]>["scopes"]>["bot"]>[number];

/** The slash commands: `/kubecoach` (collides with no other app) and the short ones. */
export const SLACK_COMMANDS: readonly {
	readonly name: string;
	readonly description: string;
	readonly usage: string;
	/** Slack sends #channels as `<#C123|name>` (so the core gets the channel's id, not its name). */
	readonly escape?: boolean;
}[] = [
	{
		name: "kubecoach",
		description: "Any kubecoach command: explain, readiness, course, quiz, participation, episodes, help",
		usage: "COMMAND [ARGS], e.g. explain OOMKilled",
	},
	{ name: "explain", description: "Explains an error, a term or a symptom from the course", usage: "QUESTION, e.g. OOMKilled" },
	{
		name: "readiness",
		description: "Audits a namespace against the production-readiness checklist",
		usage: "NAMESPACE [--cluster NAME] [--profile core|complete] | --demo",
	},
	{
		name: "course",
		description: "Makes this channel follow the course: start, status, pause, resume, skip, next, schedule",
		usage: 'start | status | pause | resume | skip | next | schedule "mondays 9:00"',
	},
	{
		name: "quiz",
		description: "A recall quiz here; `me` reviews your due cards, `mine` shows your progress",
		usage: "[EPISODE | TOPIC | me | mine]",
	},
	{
		name: "participation",
		description: "Managers: who takes part, per week, learner and concept, with a chart (private)",
		usage: "[#channel | all] [4w] [export]",
		escape: true,
	},
];

/** The bot events the adapter listens to (listeners.ts). */
export const SLACK_EVENTS = ["app_mention", "app_home_opened"] as const;

/** The Web API methods the adapter calls (slack-api.ts), each with the bot scope it needs. */
export const METHOD_SCOPES: Readonly<Record<string, BotScope | null>> = {
	"auth.test": null,
	"chat.postMessage": "chat:write",
	"chat.update": "chat:write",
	"chat.postEphemeral": "chat:write",
	"conversations.open": "im:write",
	"files.getUploadURLExternal": "files:write",
	"files.completeUploadExternal": "files:write",
	"views.publish": null,
	"usergroups.list": "usergroups:read",
	// Finding a scheduled item's post again (ChatPort.findPost); private channels need groups:history too.
	"conversations.history": "channels:history",
};

/** Every bot scope: what the methods need, slash commands, reading @mentions, and private channels' history. */
export const SLACK_SCOPES: readonly BotScope[] = [
	...new Set<BotScope>([
		"commands",
		"app_mentions:read",
		"groups:history",
		...Object.values(METHOD_SCOPES).filter((scope): scope is BotScope => scope !== null),
	]),
].sort();

/**
 * The app manifest: Socket Mode by default (no public URL needed); with `requestUrl` (the bot's
 * public https address, e.g. https://kubecoach.example.com), HTTP mode with every Request URL at
 * `<requestUrl>/slack/events`.
 */
export function slackManifest(options: { readonly requestUrl?: string } = {}): SlackManifest {
	const url = options.requestUrl === undefined ? undefined : `${options.requestUrl.replace(/\/+$/, "")}/slack/events`;
	return {
		_metadata: { major_version: 1, minor_version: 1 },
		display_information: {
			name: "kubecoach",
			description: "Kubernetes Production Mastery: explanations, recall quizzes and readiness audits",
			background_color: "#326ce5",
		},
		features: {
			// The Messages tab shows what the bot sends a person directly (an answer from a channel it is not in); people write in channels.
			app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
			bot_user: { display_name: "kubecoach", always_online: true },
			slash_commands: SLACK_COMMANDS.map((command) => ({
				command: `/${command.name}`,
				description: command.description,
				usage_hint: command.usage,
				should_escape: command.escape === true,
				...(url === undefined ? {} : { url }),
			})),
		},
		oauth_config: { scopes: { bot: [...SLACK_SCOPES] } },
		settings: {
			event_subscriptions: { ...(url === undefined ? {} : { request_url: url }), bot_events: [...SLACK_EVENTS] },
			interactivity: { is_enabled: true, ...(url === undefined ? {} : { request_url: url }) },
			org_deploy_enabled: false,
			socket_mode_enabled: url === undefined,
			token_rotation_enabled: false,
		},
	};
}

/** The manifest as the YAML Slack's "Create an app from a manifest" takes. */
export function manifestYaml(options: { readonly requestUrl?: string } = {}): string {
	const mode = options.requestUrl === undefined ? "Socket Mode (SLACK_APP_TOKEN)" : "HTTP mode (SLACK_SIGNING_SECRET)";
	return `# kubecoach's Slack app, ${mode}. Generated by scripts/slack-manifest.ts from adapters/slack/slack-app.ts: do not edit by hand.\n${stringify(slackManifest(options))}`;
}
