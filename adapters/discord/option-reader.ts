/**
 * The options of a slash command as Discord sent them, checked against the command's definition
 * before the core sees them: a registration that is out of date or a forged payload (an option
 * of the wrong type, one the command does not have, a value longer than its limit, a choice it
 * does not offer) gets a polite line instead of a stack trace.
 */
import { type APIApplicationCommandOption, ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandDefinition, OptionValues } from "./command-definitions.ts";

/** An option as received (as the gateway delivers it). */
export interface ReceivedOption {
	readonly name: string;
	readonly type: number;
	readonly value?: unknown;
	readonly options?: readonly ReceivedOption[];
	readonly focused?: boolean;
}

export type ReadOptions =
	| { readonly ok: OptionValues; readonly focused?: { readonly name: string; readonly value: string } }
	| { readonly refusal: string };

const T = ApplicationCommandOptionType;
const KIND: Partial<Record<number, string>> = {
	[T.String]: "text",
	[T.Integer]: "a whole number",
	[T.Number]: "a number",
	[T.Boolean]: "true or false",
};
const STALE = "My commands here may be out of date: an admin can run `npm run discord:register`.";

type Declared = APIApplicationCommandOption & {
	readonly required?: boolean;
	readonly max_length?: number;
	readonly min_value?: number;
	readonly max_value?: number;
	readonly choices?: readonly { readonly value: string | number }[];
	readonly options?: readonly Declared[];
};

function typeFits(type: number, value: unknown): boolean {
	if (type === T.String) return typeof value === "string";
	if (type === T.Integer) return typeof value === "number" && Number.isSafeInteger(value);
	if (type === T.Number) return typeof value === "number" && Number.isFinite(value);
	if (type === T.Boolean) return typeof value === "boolean";
	return false;
}

/** Nothing, or the line that says what is wrong with one option. */
function check(declared: Declared, received: ReceivedOption, command: string): string | undefined {
	const where = `\`${received.name}\` of /${command}`;
	const value = received.value;
	const wrongType = `The option ${where} should be ${KIND[declared.type] ?? "something else"}. ${STALE}`;
	if (received.type !== declared.type) return wrongType;
	// While it is being typed, Discord sends what is there so far as text, whatever the option's type.
	if (received.focused) return typeof value === "string" || typeFits(declared.type, value) ? undefined : wrongType;
	if (!typeFits(declared.type, value)) return wrongType;
	if (typeof value === "string" && declared.max_length !== undefined && value.length > declared.max_length) {
		return `The option ${where} is ${value.length.toLocaleString("en")} characters long; I read at most ${declared.max_length.toLocaleString("en")}. Please shorten it.`;
	}
	const below = typeof value === "number" && declared.min_value !== undefined && value < declared.min_value;
	const above = typeof value === "number" && declared.max_value !== undefined && value > declared.max_value;
	if (below || above) return `The option ${where} goes from ${declared.min_value} to ${declared.max_value}; ${String(value)} is outside.`;
	if (declared.choices && !declared.choices.some((choice) => choice.value === value)) {
		return `The option ${where} is one of ${declared.choices.map((c) => `\`${c.value}\``).join(", ")}.`;
	}
	return undefined;
}

type Level = { readonly refusal: string } | { readonly focused: { readonly name: string; readonly value: string } | undefined };

function readLevel(
	declared: readonly Declared[],
	received: readonly ReceivedOption[],
	command: string,
	values: Map<string, string | number | boolean>,
): Level {
	let focused: { name: string; value: string } | undefined;
	for (const option of received) {
		const match = declared.find((d) => d.name === option.name);
		if (match === undefined) return { refusal: `/${command} has no option \`${option.name}\`. ${STALE}` };
		const problem = check(match, option, command);
		if (problem) return { refusal: problem };
		if (option.focused) focused = { name: option.name, value: String(option.value ?? "") };
		else values.set(option.name, option.value as string | number | boolean);
	}
	const missing = declared.find((d) => d.required && !received.some((r) => r.name === d.name));
	if (missing && focused === undefined) return { refusal: `/${command} needs the option \`${missing.name}\`.` };
	return { focused };
}

/** The options of `definition`'s command as received, checked; or a refusal to answer privately. */
export function readOptions(definition: CommandDefinition, received: readonly ReceivedOption[]): ReadOptions {
	const command = definition.json.name;
	const declared = (definition.json.options ?? []) as readonly Declared[];
	const values = new Map<string, string | number | boolean>();
	const hasSubcommands = declared.some((d) => d.type === T.Subcommand);
	if (!hasSubcommands) {
		const read = readLevel(declared, received, command, values);
		if ("refusal" in read) return { refusal: read.refusal };
		return { ok: { values }, ...(read.focused ? { focused: read.focused } : {}) };
	}
	const [sub, ...extra] = received;
	const subDeclared = declared.find((d) => d.name === sub?.name && d.type === T.Subcommand);
	if (sub === undefined || sub.type !== T.Subcommand || subDeclared === undefined || extra.length > 0) {
		return { refusal: `/${command} takes one of: ${declared.map((d) => `\`${d.name}\``).join(", ")}. ${STALE}` };
	}
	const read = readLevel(subDeclared.options ?? [], sub.options ?? [], `${command} ${sub.name}`, values);
	if ("refusal" in read) return { refusal: read.refusal };
	return { ok: { subcommand: sub.name, values }, ...(read.focused ? { focused: read.focused } : {}) };
}
