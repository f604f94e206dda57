/**
 * Discord's ids in the core's one format (src/chat/chat-ids.ts): a guild is `discord:G`, direct
 * messages `discord:@me`; channels, users and roles hang under them. Message references, which
 * only this adapter reads, are `discord:<channel>:<message>`.
 */
import { createHash } from "node:crypto";
import type { APIInteraction } from "discord-api-types/v10";
import { channelId, discordRoleId, userId, workspaceId } from "../../src/chat/chat-ids.ts";
import { ChannelGoneError } from "../../src/ports/chat.ts";
import type { CommandContext } from "../../src/router/command.ts";

/** The member's role ids, without @everyone (whose id is the guild's). */
function roleIds(interaction: APIInteraction, guildId: string): string[] {
	const roles = interaction.member?.roles;
	return Array.isArray(roles) ? roles.filter((id): id is string => typeof id === "string" && id !== guildId) : [];
}

/**
 * The context of an interaction as the gateway delivered it; undefined when it came from nowhere
 * the bot can answer in (no channel, or no user).
 */
export function contextOf(interaction: APIInteraction): CommandContext | undefined {
	const channel = interaction.channel_id ?? interaction.channel?.id;
	// In a server the user is the member's; in a direct message it is the interaction's own.
	const user = interaction.member?.user?.id ?? interaction.user?.id;
	if (channel === undefined || user === undefined) return undefined;
	const guild = interaction.guild_id;
	const workspace = workspaceId("discord", guild ?? "@me");
	return {
		platform: "discord",
		workspaceId: workspace,
		channelId: channelId(workspace, channel),
		userId: userId(workspace, user),
		groups: guild === undefined ? [] : roleIds(interaction, guild).map((role) => discordRoleId(workspace, role)),
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
