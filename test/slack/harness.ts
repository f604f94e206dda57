/**
 * A Slack world for tests: the Web API stand-in (and in Socket Mode its WebSocket), the real
 * SlackChat with the real Bolt app in either mode, and the real core on the memory store with a
 * manual clock, jobs ticked by hand. Requests reach Bolt as Slack sends them: signed HTTP
 * requests to /slack/events on the bot's HTTP server, or envelopes over the socket.
 */

import { HttpServer } from "../../adapters/http/http-server.ts";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { SlackChat, type SlackChatOptions } from "../../adapters/slack/slack-chat.ts";
import { type Job, runJobs } from "../../jobs/job.ts";
import { studyJobs } from "../../jobs/study-jobs.ts";
import { createCore } from "../../src/app.ts";
import type { Course } from "../../src/course/course.ts";
import { ManualClock } from "../../src/ports/clock.ts";
import type { ClusterReader } from "../../src/ports/cluster-reader.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { Store } from "../../src/ports/store.ts";
import type { CommandRouter } from "../../src/router/router.ts";
import { defaultStudyOptions, type Study } from "../../src/study/study-options.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { mainCourse } from "../helpers/course.ts";
import { FORM, interactionBody, JSON_TYPE, signedPost, slashCommandBody } from "./stand-in/signed-requests.ts";
import { SlackStandIn, type StandInOptions } from "./stand-in/slack-stand-in.ts";
import { SocketModeServer } from "./stand-in/socket-mode-server.ts";

export const SECRET = "stand-in-signing-secret";
export const TEAM = "T0001";
export const CHANNEL = "C0001";
export const ADMIN_USER = "UADMIN";

export type Mode = "http" | "socket";

export interface Sent {
	readonly status: number;
	/** The acknowledgement's body: the HTTP response's JSON, or the socket ack frame's payload. */
	readonly body: unknown;
}

export interface SlackWorld {
	readonly mode: Mode;
	readonly standIn: SlackStandIn;
	readonly chat: SlackChat;
	readonly course: Course;
	readonly store: Store;
	readonly clock: ManualClock;
	readonly logger: RecordingLogger;
	readonly router: CommandRouter;
	readonly study: Study;
	readonly jobs: readonly Job[];
	/** http://127.0.0.1:PORT/slack/events (HTTP mode). */
	readonly eventsUrl: string;
	/** Every call the adapter made on the router ("command explain", "action <id>", "text ...", "home"). */
	readonly routed: readonly string[];
	tick(at: string | Date): Promise<void>;
	/** A slash command as Slack sends it; `text` after the command. */
	command(command: string, text: string, as?: { readonly user?: string; readonly channel?: string; readonly team?: string }): Promise<Sent>;
	/** A block_actions press of the button with `actionId` on message `ts` (or an ephemeral one). */
	press(actionId: string, as: PressOptions): Promise<Sent>;
	/** An Events API delivery of `event`; `retryNum` marks a redelivery. */
	event(
		event: Record<string, unknown>,
		options?: { readonly eventId?: string; readonly retryNum?: number; readonly team?: string },
	): Promise<Sent>;
	close(): Promise<void>;
}

export interface PressOptions {
	readonly user: string;
	readonly channel?: string;
	readonly messageTs?: string;
	readonly threadTs?: string;
	readonly ephemeral?: boolean;
	/** A press in the App Home tab, with the view's private_metadata. */
	readonly homeMetadata?: string;
	/** Slack's action_ts: the same value twice is one press delivered twice. */
	readonly actionTs?: string;
	readonly team?: string;
}

export interface WorldOptions {
	readonly mode: Mode;
	readonly processBeforeResponse?: boolean;
	readonly coordinator?: RunCoordinator;
	readonly store?: Store;
	readonly standIn?: SlackStandIn;
	readonly standInOptions?: StandInOptions;
	readonly start?: string;
	readonly clusterReader?: ClusterReader;
	readonly chatOptions?: Partial<SlackChatOptions>;
	/** KUBECOACH_ADMINS; default the one admin user. */
	readonly admins?: readonly string[];
}

let pressCount = 0;
let eventCount = 0;

export async function startSlackWorld(options: WorldOptions): Promise<SlackWorld> {
	const standIn = options.standIn ?? (await SlackStandIn.start(options.standInOptions));
	const socket = options.mode === "socket" ? await SocketModeServer.start() : undefined;
	if (socket) standIn.socketModeUrl = socket.url;
	const course = mainCourse();
	const store = options.store ?? new MemoryStore();
	const clock = new ManualClock(options.start ?? "2026-01-05T08:00:00Z");
	const logger = new RecordingLogger();
	const http = new HttpServer({ logger });
	const chat = await SlackChat.open({
		token: standIn.botToken,
		...(options.mode === "socket" ? { appToken: standIn.appToken } : { signingSecret: SECRET }),
		apiUrl: standIn.apiUrl,
		logger,
		coordinator: options.coordinator ?? new MemoryRunCoordinator(),
		http,
		processBeforeResponse: options.processBeforeResponse ?? false,
		retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 10 },
		...options.chatOptions,
	});
	const studyOptions = { ...defaultStudyOptions, admins: options.admins ?? [`slack:${TEAM}:${ADMIN_USER}`] };
	const study: Study = { course, store, chat, clock, logger, options: studyOptions };
	const { router } = createCore({
		course,
		pick: (items) => items[0],
		readinessDemo: demoSnapshot,
		study: { store, chat, clock, logger, options: studyOptions },
		...(options.clusterReader === undefined ? {} : { clusterReader: options.clusterReader }),
		now: () => clock.now(),
	});
	const routed: string[] = [];
	await chat.start({
		get commands() {
			return router.commands;
		},
		handleText(text, context) {
			routed.push(`text ${text}`);
			return router.handleText(text, context);
		},
		handleCommand(name, args, context) {
			routed.push(`command ${name} ${args}`.trim());
			return router.handleCommand(name, args, context);
		},
		handleAction(id, context) {
			routed.push(`action ${id}`);
			return router.handleAction(id, context);
		},
		handleHome(context) {
			routed.push("home");
			return router.handleHome(context);
		},
	});

	const port = await http.listen(0, "127.0.0.1");
	const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
	const jobs = studyJobs(study);

	const deliver = async (
		kind: "slash_commands" | "interactive" | "events_api",
		payload: Record<string, unknown>,
		retryNum?: number,
	): Promise<Sent> => {
		if (socket) {
			const frame = await socket.send(kind, payload, retryNum === undefined ? {} : { retryAttempt: retryNum });
			return { status: 200, body: frame.payload };
		}
		const headers = retryNum === undefined ? {} : { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" };
		const [body, type] =
			kind === "slash_commands"
				? [slashCommandBody(payload as Record<string, string>), FORM]
				: kind === "interactive"
					? [interactionBody(payload), FORM]
					: [JSON.stringify(payload), JSON_TYPE];
		const response = await signedPost(eventsUrl, body, type, { secret: SECRET, headers });
		return { status: response.status, body: response.json ?? (response.text === "" ? undefined : response.text) };
	};

	return {
		mode: options.mode,
		standIn,
		chat,
		course,
		store,
		clock,
		logger,
		router,
		study,
		jobs,
		eventsUrl,
		routed,
		async tick(at) {
			clock.set(at);
			await runJobs(jobs, clock.now());
		},
		command(command, text, as = {}) {
			const channel = as.channel ?? CHANNEL;
			const user = as.user ?? "U0USER";
			return deliver("slash_commands", {
				token: "unused-verification-token",
				team_id: as.team ?? TEAM,
				team_domain: "stand-in",
				channel_id: channel,
				channel_name: "general",
				user_id: user,
				user_name: user.toLowerCase(),
				command,
				text,
				api_app_id: "A0001",
				is_enterprise_install: "false",
				response_url: standIn.responseUrl(channel, user),
				trigger_id: `trigger-${++pressCount}`,
			});
		},
		press(actionId, as) {
			const channel = as.channel ?? CHANNEL;
			const team = as.team ?? TEAM;
			const home = as.homeMetadata !== undefined;
			return deliver("interactive", {
				type: "block_actions",
				team: { id: team, domain: "stand-in" },
				user: { id: as.user, username: as.user.toLowerCase(), team_id: team },
				api_app_id: "A0001",
				token: "unused",
				trigger_id: `trigger-${++pressCount}`,
				...(home
					? {
							container: { type: "view", view_id: `V${as.user}` },
							view: { id: `V${as.user}`, type: "home", private_metadata: as.homeMetadata },
						}
					: {
							response_url: standIn.responseUrl(channel, as.user),
							container: {
								type: "message",
								message_ts: as.messageTs ?? "1700000000.000100",
								channel_id: channel,
								is_ephemeral: as.ephemeral ?? false,
							},
							channel: { id: channel, name: "general" },
							...(as.ephemeral
								? {}
								: {
										message: {
											type: "message",
											ts: as.messageTs,
											...(as.threadTs ? { thread_ts: as.threadTs } : {}),
											text: "",
											user: standIn.botUserId,
										},
									}),
						}),
				actions: [
					{
						type: "button",
						action_id: actionId,
						block_id: "b",
						text: { type: "plain_text", text: "x" },
						action_ts: as.actionTs ?? `1700000${++pressCount}.000`,
					},
				],
			});
		},
		event(event, options = {}) {
			const team = options.team ?? TEAM;
			return deliver(
				"events_api",
				{
					token: "unused",
					team_id: team,
					api_app_id: "A0001",
					type: "event_callback",
					event_id: options.eventId ?? `Ev${++eventCount}`,
					event_time: Math.floor(Date.now() / 1000),
					authorizations: [{ team_id: team, user_id: standIn.botUserId, is_bot: true }],
					event: { ...event, event_ts: String(event.ts ?? "1700000000.000001") },
				},
				options.retryNum,
			);
		},
		async close() {
			await http.close();
			await chat.stop();
			await socket?.close();
			if (!options.standIn) await standIn.close();
		},
	};
}

/** A slash command from a stranger (U0EVIL) in `team`: the edge tests forge and sign it. */
export function commandFields(team = TEAM): Record<string, string> {
	return {
		team_id: team,
		channel_id: CHANNEL,
		user_id: "U0EVIL",
		command: "/explain",
		text: "OOMKilled",
		response_url: "http://127.0.0.1:9/none",
		trigger_id: `t-${Math.random()}`,
	};
}

/** A button press from a stranger (U0EVIL) in `team`, with any `type` of interaction. */
export function buttonPress(actionId: string, type = "block_actions", team = TEAM): Record<string, unknown> {
	return {
		type,
		team: { id: team },
		user: { id: "U0EVIL", team_id: team },
		api_app_id: "A0001",
		container: { type: "message", message_ts: "1700000000.000100", channel_id: CHANNEL },
		channel: { id: CHANNEL },
		message: { ts: "1700000000.000100", text: "" },
		response_url: "http://127.0.0.1:9/none",
		actions: [{ type: "button", action_id: actionId, action_ts: `${Date.now()}.1` }],
	};
}
