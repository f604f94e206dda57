/**
 * `npm run discord:register`: the application commands put in place with one bulk overwrite, in
 * one guild (instant, for development) or globally (production), after comparing them with what
 * Discord has, so that it says what changed and sends nothing when nothing did. Commands missing
 * from the list are removed by the overwrite, as Discord defines it.
 */
import { REST } from "@discordjs/rest";
import { Routes } from "discord-api-types/v10";
import { COMMAND_DEFINITIONS } from "./command-definitions.ts";
import { apiFailure, describe } from "./discord-errors.ts";

export interface RegisterOptions {
	readonly token: string;
	readonly applicationId: string;
	/** Registers in this guild; without it, globally. */
	readonly guildId?: string;
	readonly apiUrl: string;
	readonly commands?: readonly Record<string, unknown>[];
}

export interface RegisterResult {
	readonly added: readonly string[];
	readonly updated: readonly string[];
	readonly removed: readonly string[];
	readonly unchanged: readonly string[];
	/** False when nothing changed and nothing was sent. */
	readonly written: boolean;
}

export class RegisterError extends Error {
	readonly code = "discord-register-failed";
}

/** Fields Discord adds or defaults, left out so that a definition compares equal to its registration. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
	type: 1,
	required: false,
	autocomplete: false,
	nsfw: false,
	default_member_permissions: null,
	name_localizations: null,
	description_localizations: null,
	dm_permission: true,
};
const SERVER_FIELDS = new Set(["id", "application_id", "version", "guild_id", "name_localized", "description_localized"]);

/** A command as a canonical value: server fields and defaults dropped, keys sorted. */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value === null || typeof value !== "object") return value;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(
			([key, v]) => !SERVER_FIELDS.has(key) && v !== undefined && !(key in DEFAULTS && JSON.stringify(DEFAULTS[key]) === JSON.stringify(v)),
		)
		.sort(([a], [b]) => a.localeCompare(b));
	return Object.fromEntries(entries.map(([key, v]) => [key, canonical(v)]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
	const rest = new REST({ api: options.apiUrl, retries: 2 }).setToken(options.token);
	const route = options.guildId
		? Routes.applicationGuildCommands(options.applicationId, options.guildId)
		: Routes.applicationCommands(options.applicationId);
	const wanted = options.commands ?? COMMAND_DEFINITIONS.map((definition) => definition.json as unknown as Record<string, unknown>);
	const where = options.guildId ? `guild ${options.guildId}` : "globally";
	let registered: Record<string, unknown>[];
	try {
		registered = (await rest.get(route)) as Record<string, unknown>[];
	} catch (error) {
		throw failed(error, where);
	}
	const nameOf = (command: Record<string, unknown>) => String(command.name);
	const added: string[] = [];
	const updated: string[] = [];
	const unchanged: string[] = [];
	for (const command of wanted) {
		const before = registered.find((r) => nameOf(r) === nameOf(command));
		(before === undefined ? added : same(before, command) ? unchanged : updated).push(nameOf(command));
	}
	const removed = registered.map(nameOf).filter((name) => !wanted.some((command) => nameOf(command) === name));
	const written = added.length + updated.length + removed.length > 0;
	if (written) {
		try {
			await rest.put(route, { body: wanted });
		} catch (error) {
			throw failed(error, where);
		}
	}
	return { added, updated, removed, unchanged, written };
}

function failed(error: unknown, where: string): RegisterError {
	const failure = apiFailure(error);
	if (failure?.status === 401)
		return new RegisterError(
			"Discord refused DISCORD_TOKEN (401 Unauthorized): reset it in the Developer Portal (your application → Bot → Reset Token).",
		);
	if (failure?.status === 403 || failure?.code === 50001) {
		return new RegisterError(
			`Discord refused to register the commands ${where} (${describe(error)}): check DISCORD_APPLICATION_ID, and that the bot was invited to that server with the applications.commands scope.`,
		);
	}
	if (failure?.status === 404)
		return new RegisterError(
			`Discord does not know ${where === "globally" ? "the application" : where} (${describe(error)}): check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID.`,
		);
	return new RegisterError(`Could not register the commands ${where}: ${describe(error)}`);
}

/** What changed, a line per kind, as the command prints it. */
export function describeRegistration(result: RegisterResult, where: string): string {
	const line = (label: string, names: readonly string[]) =>
		names.length === 0 ? [] : [`  ${label.padEnd(10)} ${names.map((n) => `/${n}`).join(", ")}`];
	const head = result.written
		? `Registered the commands ${where} with one bulk overwrite:`
		: `The commands ${where} are up to date; nothing sent:`;
	return [
		head,
		...line("added", result.added),
		...line("updated", result.updated),
		...line("removed", result.removed),
		...line("unchanged", result.unchanged),
	].join("\n");
}
