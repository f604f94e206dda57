/**
 * The one format of the chat ids the core sees. Only adapters build them (from their platform's
 * own ids, with the functions below); the core compares and stores them as opaque strings, and
 * configuration (KUBECOACH_ADMINS, ...) names people and groups in the same format.
 *
 *   workspace  `console` · `slack:T0123` (a Slack team) · `discord:81384788765712384` (a guild;
 *              `discord:@me` for direct messages, as Discord's own API names them)
 *   channel    `<workspace>:<channel>`   `slack:T0123:C0456`, `discord:813...:2230...`, `console:local`
 *   user       `<workspace>:<user>`      `slack:T0123:U0789`, `discord:813...:5302...`, `console:local`
 *   group      Slack user group `<workspace>:<group>` (`slack:T0123:S0ABC`: its ids start with S,
 *              never clashing with U/W user ids); Discord role `<workspace>:role:<role>`
 *              (`discord:813...:role:4242...`: roles, users and channels share one snowflake space,
 *              and the marker says what a configured id is)
 *
 * Authorization matches configured ids against `principals(context)`: the user and their groups.
 */

export const PLATFORMS = ["console", "slack", "discord"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A platform's own id: no ":" (that is the separator) and no white space. */
const NATIVE_ID = /^[^\s:]+$/;

export class ChatIdError extends Error {
	readonly code = "chat-id-invalid";
}

function native(what: string, id: string): string {
	if (!NATIVE_ID.test(id)) throw new ChatIdError(`A ${what} id must be non-empty, without ":" or spaces; got ${JSON.stringify(id)}`);
	return id;
}

/** `console`, `slack:T1`, `discord:G1`: the console has one workspace, the others name theirs. */
export function workspaceId(platform: Platform, workspace?: string): string {
	if (platform === "console") return "console";
	if (workspace === undefined) throw new ChatIdError(`A ${platform} workspace id needs the team or guild id`);
	return `${platform}:${native(`${platform} workspace`, workspace)}`;
}

/** `slack:T1:C1`. */
export const channelId = (workspace: string, channel: string): string => `${workspace}:${native("channel", channel)}`;

/** `slack:T1:U1`. */
export const userId = (workspace: string, user: string): string => `${workspace}:${native("user", user)}`;

/** A Slack user group: `slack:T1:S123`. */
export const slackUserGroupId = (workspace: string, group: string): string => `${workspace}:${native("user group", group)}`;

/** A Discord role: `discord:G1:role:123`. */
export const discordRoleId = (workspace: string, role: string): string => `${workspace}:role:${native("role", role)}`;

/** The platform an id belongs to (its first part), or undefined for an id of no known platform. */
export function platformOf(id: string): Platform | undefined {
	const first = id.split(":", 1)[0];
	return PLATFORMS.find((platform) => platform === first);
}

/**
 * The platform's own id at the end of a channel or user id of `workspace`: "C1" from
 * ("slack:T1:C1", "slack:T1"); undefined when the id is not of that workspace.
 */
export function nativeIdOf(id: string, workspace: string): string | undefined {
	if (!id.startsWith(`${workspace}:`)) return undefined;
	const rest = id.slice(workspace.length + 1);
	return NATIVE_ID.test(rest) ? rest : undefined;
}

/** Whom a configured id may name: the user and each of their groups. */
export function principals(context: { readonly userId: string; readonly groups: readonly string[] }): readonly string[] {
	return [context.userId, ...context.groups];
}

/** True when one of `configured` names the user or one of their groups. */
export function namedIn(configured: readonly string[], context: { readonly userId: string; readonly groups: readonly string[] }): boolean {
	return principals(context).some((id) => configured.includes(id));
}
