/**
 * Slack's ids in the core's format (src/chat/chat-ids.ts): the CommandContext of an interaction,
 * a channel id decoded back to Slack's own, and message references ("slack:T1:C1:1700000000.000100").
 */
import { channelId, nativeIdOf, slackUserGroupId, userId, workspaceId } from "../../src/chat/chat-ids.ts";
import type { CommandContext } from "../../src/router/command.ts";

export function slackContext(team: string, channel: string, user: string, groups: readonly string[] = []): CommandContext {
	const workspace = workspaceId("slack", team);
	return {
		platform: "slack",
		workspaceId: workspace,
		channelId: channelId(workspace, channel),
		userId: userId(workspace, user),
		groups: groups.map((group) => slackUserGroupId(workspace, group)),
	};
}

/** Slack's channel id of a core channel id of `team`; undefined for another workspace's or a malformed id. */
export function slackChannelOf(coreChannelId: string, team: string): string | undefined {
	return nativeIdOf(coreChannelId, workspaceId("slack", team));
}

const TS = /^\d{1,12}\.\d{1,9}$/;

export const messageRef = (coreChannelId: string, ts: string): string => `${coreChannelId}:${ts}`;

/** The message's ts in a reference made by messageRef; undefined for anything else. Slack, told the channel, finds the message. */
export function tsOf(ref: string): string | undefined {
	const ts = ref.slice(ref.lastIndexOf(":") + 1);
	return ref.startsWith("slack:") && TS.test(ts) ? ts : undefined;
}

/** Slack's own ids: upper-case letters and digits (C0123, U0ABC, T9). */
export const SLACK_ID = /^[A-Z0-9]{1,40}$/;
