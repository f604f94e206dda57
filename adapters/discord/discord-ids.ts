/**
 * Discord's ids in the core's one format (src/chat/chat-ids.ts): a guild is `discord:G`, direct
 * messages `discord:@me`; channels, users and roles hang under them. Message references, which
 * only this adapter reads, are `discord:<channel>:<message>`.
 */
import { createHash } from "node:crypto";
import type { APIInteractionGuildMember, GuildMember } from "discord.js";
import { channelId, discordRoleId, userId, workspaceId } from "../../src/chat/chat-ids.ts";
import { ChannelGoneError } from "../../src/ports/chat.ts";
import type { CommandContext } from "../../src/router/command.ts";

/** What the context is built from: a discord.js interaction has these. */
export interface InteractionOrigin {
	readonly guildId: string | null;
	readonly channelId: string | null;
	readonly user: { readonly id: string };
	readonly member: GuildMember | APIInteractionGuildMember | null;
}

/** The member's role ids, without @everyone (whose id is the guild's), from a cached member or the raw payload. */
function roleIds(member: InteractionOrigin["member"], guildId: string): string[] {
	if (member === null) return [];
	const roles = Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
	return roles.filter((id) => id !== guildId);
}

/** The context of an interaction; undefined when it came from nowhere the bot can answer in (no channel). */
export function contextOf(origin: InteractionOrigin): CommandContext | undefined {
	if (origin.channelId === null) return undefined;
	const workspace = workspaceId("discord", origin.guildId ?? "@me");
	return {
		platform: "discord",
		workspaceId: workspace,
		channelId: channelId(workspace, origin.channelId),
		userId: userId(workspace, origin.user.id),
		groups: origin.guildId === null ? [] : roleIds(origin.member, origin.guildId).map((role) => discordRoleId(workspace, role)),
	};
}

const CHANNEL = /^discord:[^:\s]+:(\d+)$/;
const MESSAGE_REF = /^discord:(\d+):(\d+)$/;

/** Discord's channel id in `discord:G:C`; a channel id that is not one cannot be posted to, ever. */
export function nativeChannel(id: string): string {
	const match = CHANNEL.exec(id);
	if (!match?.[1]) throw new ChannelGoneError(id, "it is not a Discord channel id (discord:<guild>:<channel>)");
	return match[1];
}

export const messageRef = (channel: string, message: string): string => `discord:${channel}:${message}`;

/** The message a reference names; Discord finds it in the channel the caller names (and says 10008 when it is not there). */
export function parseMessageRef(ref: string): string {
	const match = MESSAGE_REF.exec(ref);
	if (!match?.[2]) throw new Error(`${ref} is not a reference to a Discord message this bot posted`);
	return match[2];
}

/** A message nonce for a scheduled item: Discord takes at most 25 characters, so a hash of its key. */
export function itemNonce(itemKey: string): string {
	return createHash("sha256").update(itemKey).digest("base64url").slice(0, 25);
}
