/**
 * Gateway payloads as Discord sends them: a guild with its roles and channels (GUILD_CREATE),
 * and the three interactions the bot handles, from a member of that guild or from a DM.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A real snowflake: Discord's clients read the creation time from it. */
export function snowflake(at = Date.now()): string {
	increment = (increment + 1n) % 4096n;
	return String(((BigInt(at) - DISCORD_EPOCH) << 22n) | increment);
}

export interface GuildSeed {
	readonly id: string;
	readonly name?: string;
	/** Text channels: id and name. */
	readonly channels: readonly { readonly id: string; readonly name: string }[];
	readonly roles?: readonly { readonly id: string; readonly name: string }[];
}

export interface UserSeed {
	readonly id: string;
	readonly username: string;
}

export function channelPayload(guildId: string, channel: { readonly id: string; readonly name: string }, position = 0) {
	return {
		id: channel.id,
		type: 0,
		guild_id: guildId,
		name: channel.name,
		position,
		permission_overwrites: [],
		parent_id: null,
		nsfw: false,
		topic: null,
		last_message_id: null,
		rate_limit_per_user: 0,
		flags: 0,
	};
}

function rolePayload(role: { readonly id: string; readonly name: string }, position: number) {
	return {
		id: role.id,
		name: role.name,
		color: 0,
		colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
		hoist: false,
		icon: null,
		unicode_emoji: null,
		position,
		permissions: position === 0 ? "1024" : "0",
		managed: false,
		mentionable: false,
		flags: 0,
	};
}

export function guildCreatePayload(guild: GuildSeed) {
	return {
		id: guild.id,
		name: guild.name ?? "Study server",
		icon: null,
		splash: null,
		discovery_splash: null,
		banner: null,
		description: null,
		owner_id: "100000000000000777",
		afk_channel_id: null,
		afk_timeout: 300,
		verification_level: 0,
		default_message_notifications: 0,
		explicit_content_filter: 0,
		mfa_level: 0,
		nsfw_level: 0,
		premium_tier: 0,
		premium_subscription_count: 0,
		premium_progress_bar_enabled: false,
		preferred_locale: "en-US",
		system_channel_id: null,
		system_channel_flags: 0,
		rules_channel_id: null,
		public_updates_channel_id: null,
		safety_alerts_channel_id: null,
		vanity_url_code: null,
		application_id: null,
		max_members: 500000,
		max_video_channel_users: 25,
		features: [],
		emojis: [],
		stickers: [],
		roles: [{ id: guild.id, name: "@everyone" }, ...(guild.roles ?? [])].map(rolePayload),
		channels: guild.channels.map((channel, i) => channelPayload(guild.id, channel, i)),
		threads: [],
		members: [],
		presences: [],
		voice_states: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
		member_count: 40,
		large: false,
		unavailable: false,
		joined_at: "2026-01-01T00:00:00.000Z",
	};
}

function userPayload(user: UserSeed) {
	return { id: user.id, username: user.username, discriminator: "0", global_name: user.username, avatar: null, public_flags: 0 };
}

export interface Where {
	readonly guild?: GuildSeed;
	/** A guild channel, or a DM channel id when there is no guild. */
	readonly channelId: string;
	readonly user: UserSeed;
	/** The member's role ids (guild only). */
	readonly roles?: readonly string[];
}

function common(applicationId: string, where: Where) {
	const base = {
		id: snowflake(),
		application_id: applicationId,
		token: `itok-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
		version: 1,
		locale: "en-US",
		app_permissions: "52224",
		entitlements: [],
		attachment_size_limit: 10485760,
		channel_id: where.channelId,
	};
	const guild = where.guild;
	if (guild === undefined) {
		return {
			...base,
			channel: { id: where.channelId, type: 1, last_message_id: null, flags: 0, recipients: [userPayload(where.user)] },
			user: userPayload(where.user),
			authorizing_integration_owners: { 1: where.user.id },
			context: 1,
		};
	}
	const channel = guild.channels.find((c) => c.id === where.channelId) ?? { id: where.channelId, name: "unknown" };
	return {
		...base,
		guild_id: guild.id,
		guild: { id: guild.id, locale: "en-US", features: [] },
		guild_locale: "en-US",
		channel: channelPayload(guild.id, channel),
		member: {
			user: userPayload(where.user),
			roles: [...(where.roles ?? [])],
			permissions: "2248473465835073",
			joined_at: "2026-01-01T00:00:00.000Z",
			deaf: false,
			mute: false,
			flags: 0,
			pending: false,
			nick: null,
			avatar: null,
			banner: null,
			premium_since: null,
			communication_disabled_until: null,
		},
		authorizing_integration_owners: { 0: guild.id },
		context: 0,
	};
}

export interface CommandOption {
	readonly name: string;
	readonly type: number;
	readonly value?: string | number | boolean;
	readonly options?: readonly CommandOption[];
	readonly focused?: boolean;
}

/** A slash command (type 2) or, with a focused option, its autocomplete (type 4). */
export function commandInteraction(
	applicationId: string,
	where: Where,
	name: string,
	options: readonly CommandOption[] = [],
	autocomplete = false,
) {
	return {
		...common(applicationId, where),
		type: autocomplete ? 4 : 2,
		data: { id: "900000000000000001", name, type: 1, options, ...(where.guild ? { guild_id: where.guild.id } : {}) },
	};
}

/** A press on a button (type 3) of `message`. */
export function buttonInteraction(applicationId: string, where: Where, customId: string, message: Record<string, unknown>) {
	return { ...common(applicationId, where), type: 3, data: { custom_id: customId, component_type: 2 }, message };
}
