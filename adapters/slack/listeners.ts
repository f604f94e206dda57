/**
 * What the Bolt app listens to, translated for the core: slash commands (`/kubecoach ...` and the
 * short ones) go to handleCommand, button presses to handleAction, @mentions to handleText (answered
 * in their thread), the App Home tab to handleHome. Every command and press is acknowledged within
 * Slack's 3 seconds: commands with their first reply when the core answers in time (else "working
 * on it"), presses and events at once; the rest, and the followUp, are delivered after
 * (delivery.ts). Redeliveries are dropped by a claim (delivery-claims.ts).
 */
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Logger } from "../../src/ports/logger.ts";
import type { Reply } from "../../src/reply.ts";
import { decodeButtonId } from "../../src/router/button-id.ts";
import type { ChatRouter, Handled } from "../../src/router/command.ts";
import { type AppHome, homeChannelOf } from "./app-home.ts";
import { ackBody, type Conversation, type Delivery } from "./delivery.ts";
import type { DeliveryClaims } from "./delivery-claims.ts";
import { mentionText } from "./mention-text.ts";
import type { SlackApi } from "./slack-api.ts";
import { SLACK_ID, slackContext } from "./slack-ids.ts";
import type { UserGroups } from "./user-groups.ts";

/** A request kubecoach does not take (a foreign button, an interaction type it never offers): HTTP 400, nothing reaches a handler. */
export class RejectedRequestError extends Error {
	readonly code = "slack-request-rejected";
}

export interface ListenerDeps {
	readonly router: () => ChatRouter;
	readonly botUserId: string;
	readonly api: SlackApi;
	readonly delivery: Delivery;
	readonly home: AppHome;
	readonly claims: DeliveryClaims;
	readonly groups: UserGroups;
	readonly logger: Logger;
	/** How long a command may take before it is acknowledged with "working on it" (Slack allows 3 s in all). */
	readonly ackDeadlineMs: number;
	/** Work that goes on after the acknowledgement; stop() waits for it. */
	track(work: Promise<unknown>): void;
}

const LATE = Symbol("late");
const WORKING = "Working on it: the answer follows in a moment.";

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<typeof LATE>((resolve) => {
		timer = setTimeout(() => resolve(LATE), ms);
	});
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Only what kubecoach offers gets through: its own buttons, slash commands, events. */
async function rejectForeign({ body, next }: AllMiddlewareArgs & { body: unknown }): Promise<void> {
	const request = body as {
		type?: unknown;
		actions?: { type?: unknown; action_id?: unknown }[];
		command?: unknown;
		team_id?: unknown;
		channel_id?: unknown;
		user_id?: unknown;
	};
	if (request.type === "block_actions") {
		const actions = request.actions ?? [];
		const ours =
			actions.length > 0 &&
			actions.every((a) => a.type === "button" && typeof a.action_id === "string" && decodeButtonId(a.action_id) !== null);
		if (!ours) throw new RejectedRequestError("A press on a button that is not one of kubecoach's");
	} else if (request.type === undefined && typeof request.command === "string") {
		const ids = [request.team_id, request.channel_id, request.user_id];
		if (!ids.every((id) => typeof id === "string" && SLACK_ID.test(id)))
			throw new RejectedRequestError("A slash command without valid team, channel and user ids");
	} else if (request.type !== "event_callback") {
		throw new RejectedRequestError(`An interaction kubecoach does not offer (${String(request.type)})`);
	}
	await next();
}

export function registerListeners(app: App, deps: ListenerDeps): void {
	const { delivery, claims, groups, logger } = deps;

	const deliverHandled = async (conversation: Conversation, replies: readonly Reply[], followUp: Handled["followUp"]) => {
		await delivery.deliver(conversation, replies);
		if (followUp) await delivery.deliver(conversation, await followUp());
	};
	/** What follows the acknowledgement, if anything does. */
	const follow = (conversation: Conversation, replies: readonly Reply[], followUp: Handled["followUp"]) => {
		if (replies.length > 0 || followUp) deps.track(deliverHandled(conversation, replies, followUp));
	};

	app.use(rejectForeign);

	app.command(/^\/[\w-]+$/, async ({ command, ack }: SlackCommandMiddlewareArgs) => {
		// No claim: Slack never redelivers a slash command (the person sees an error after 3 s instead).
		const { team_id: team, channel_id: channel, user_id: user } = command;
		const conversation: Conversation = { channel, user, responseUrl: command.response_url };
		try {
			const context = slackContext(team, channel, user, await groups.of(user));
			const work = deps.router().handleCommand(command.command.replace(/^\//, ""), command.text ?? "", context);
			const handled = await withinDeadline(work, deps.ackDeadlineMs);
			if (handled === LATE) {
				await ack(ackBody({ text: WORKING, visibility: "private" }));
				deps.track(work.then((late) => deliverHandled(conversation, late.replies, late.followUp)));
				return;
			}
			const [first, ...rest] = handled.replies;
			const body = first === undefined ? undefined : ackBody(first);
			await ack(body);
			follow(conversation, body ? rest : handled.replies, handled.followUp);
		} catch (error) {
			logger.error(`Slack command ${command.command} failed: ${error instanceof Error ? error.message : String(error)}`);
			await ack({ response_type: "ephemeral", text: "Something went wrong on my side; it is logged. Please try again in a moment." });
		}
	});

	app.action(/.*/, async ({ ack, body, action }) => {
		await ack();
		const press = body as BlockAction;
		const button = action as ButtonAction;
		const team = press.team?.id ?? press.user.team_id ?? "";
		const user = press.user.id;
		if (!(await claims.first(`press:${team}:${user}:${button.action_ts}:${button.action_id}`))) return;
		const router = deps.router();
		if (press.view?.type === "home") {
			const channel = homeChannelOf(press.view.private_metadata) ?? (await deps.api.openDm(user));
			const context = slackContext(team, channel, user, await groups.of(user));
			const handled = await router.handleAction(button.action_id, context);
			deps.track(
				(async () => {
					await deps.home.show(router, context, user, channel, handled.replies);
					const more = handled.followUp ? await handled.followUp() : [];
					if (more.length > 0) await deps.home.show(router, context, user, channel, [...handled.replies, ...more]);
				})(),
			);
			return;
		}
		const channel = press.channel?.id ?? (press.container as { channel_id?: string }).channel_id ?? "";
		const message = press.message as { ts?: string; thread_ts?: string } | undefined;
		const ephemeral = (press.container as { is_ephemeral?: boolean }).is_ephemeral === true;
		const conversation: Conversation = {
			channel,
			user,
			responseUrl: press.response_url,
			...(message?.thread_ts === undefined ? {} : { threadTs: message.thread_ts }),
			...(ephemeral || message?.ts === undefined ? {} : { channelThreadTs: message.thread_ts ?? message.ts }),
		};
		const handled = await router.handleAction(button.action_id, slackContext(team, channel, user, await groups.of(user)));
		follow(conversation, handled.replies, handled.followUp);
	});

	app.event("app_mention", async ({ event, body }) => {
		if (!(await claims.first(`event:${body.event_id}`))) return;
		const user = event.user ?? "";
		const team = event.team ?? body.team_id;
		const context = slackContext(team, event.channel, user, await groups.of(user));
		const handled = await deps.router().handleText(mentionText(event.text, deps.botUserId), context);
		follow({ channel: event.channel, user, threadTs: event.thread_ts ?? event.ts }, handled.replies, handled.followUp);
	});

	app.event("app_home_opened", async ({ event, body }) => {
		if (event.tab !== "home") return;
		if (!(await claims.first(`event:${body.event_id}`))) return;
		const context = slackContext(body.team_id, event.channel, event.user, await groups.of(event.user));
		deps.track(deps.home.show(deps.router(), context, event.user, event.channel));
	});
}
