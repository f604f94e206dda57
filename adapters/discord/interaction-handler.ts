/**
 * Every interaction Discord delivers, turned into a call on the router and answered: slash
 * commands through their definitions, buttons by the id the core gave them, autocomplete from
 * the core's suggestions. Each interaction is claimed first (the run coordinator, shared by
 * replicas), so that one delivered twice (a resumed session's replay, a second replica on the
 * same gateway) is answered once. Nothing thrown here leaves this file: a failure is logged and,
 * while the interaction can still be answered, answered politely.
 */
import type { REST } from "@discordjs/rest";
import {
	type APIApplicationCommandAutocompleteInteraction,
	type APIInteraction,
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ComponentType,
	InteractionType,
} from "discord-api-types/v10";
import type { Logger } from "../../src/ports/logger.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { Reply } from "../../src/reply.ts";
import type { ChatRouter, CommandContext, Handled } from "../../src/router/command.ts";
import { privately } from "../../src/router/handled.ts";
import type { CommandDefinition } from "./command-definitions.ts";
import { describe } from "./discord-errors.ts";
import { contextOf } from "./discord-ids.ts";
import { DISCORD_LIMITS } from "./discord-limits.ts";
import { InteractionCalls } from "./interaction-calls.ts";
import { InteractionResponder } from "./interaction-responder.ts";
import { type ReceivedOption, readOptions } from "./option-reader.ts";
import { clip } from "./render-embeds.ts";

/**
 * The command definitions, loaded at the first command: building them loads the discord.js
 * project's builders and their validation library (about 3 MB), which an idle bot does not need.
 */
let definitions: Promise<(name: string) => CommandDefinition | undefined> | undefined;
async function definitionOf(name: string): Promise<CommandDefinition | undefined> {
	definitions ??= import("./command-definitions.ts").then((loaded) => loaded.definitionOf);
	return (await definitions)(name);
}

/** An interaction's token lives 15 minutes; a claim need not outlive it. */
const CLAIM_MS = 15 * 60_000;
/** Discord wants the first response within 3 s; past this the core's answer waits behind a deferral. */
export const DEFER_AFTER_MS = 1500;

export interface InteractionHandlerDeps {
	readonly router: ChatRouter;
	readonly logger: Logger;
	readonly coordinator: RunCoordinator;
	/** Answers go through it with the interaction's token. */
	readonly rest: REST;
	readonly applicationId: string;
	/** Posts a reply to a channel with the bot's token (when an interaction's token is spent). */
	readonly postToChannel: (channelId: string, reply: Reply) => Promise<void>;
	readonly deferAfterMs?: number;
}

export class InteractionHandler {
	readonly #deps: InteractionHandlerDeps;

	constructor(deps: InteractionHandlerDeps) {
		this.#deps = deps;
	}

	/** Answers one interaction as the gateway delivered it; never rejects. */
	async handle(interaction: APIInteraction): Promise<void> {
		try {
			if (interaction.type === InteractionType.ApplicationCommandAutocomplete) await this.#autocomplete(interaction);
			else if (interaction.type !== InteractionType.Ping && (await this.#claim(interaction.id))) await this.#answer(interaction);
		} catch (error) {
			this.#deps.logger.error(`A Discord interaction failed: ${describe(error)}`);
		}
	}

	async #claim(id: string): Promise<boolean> {
		try {
			return await this.#deps.coordinator.shouldRun(`discord-interaction:${id}`, CLAIM_MS);
		} catch (error) {
			// Better answered twice (Discord refuses the second) than not at all.
			this.#deps.logger.warn(`Could not claim Discord interaction ${id}, answering it anyway: ${describe(error)}`);
			return true;
		}
	}

	#calls(interaction: APIInteraction): InteractionCalls {
		return new InteractionCalls(this.#deps.rest, this.#deps.applicationId, interaction);
	}

	async #answer(interaction: APIInteraction): Promise<void> {
		const context = contextOf(interaction);
		const responder = new InteractionResponder(this.#calls(interaction), {
			logger: this.#deps.logger,
			postToChannel: (reply) => (context ? this.#deps.postToChannel(context.channelId, reply) : Promise.resolve()),
		});
		const timer = setTimeout(() => void responder.deferIfSilent().catch(() => {}), this.#deps.deferAfterMs ?? DEFER_AFTER_MS);
		let handled: Handled;
		try {
			handled = context ? await this.#route(interaction, context) : privately("I can only answer in a channel or a direct message.");
		} catch (error) {
			this.#deps.logger.error(`Routing a Discord interaction failed: ${describe(error)}`);
			handled = privately("Something went wrong on my side; it is logged. Please try again in a moment.");
		} finally {
			clearTimeout(timer);
		}
		await responder.acknowledge(handled);
		if (handled.followUp) await responder.deliver(await handled.followUp());
		await responder.finish();
	}

	async #route(interaction: APIInteraction, context: CommandContext): Promise<Handled> {
		const { router } = this.#deps;
		if (interaction.type === InteractionType.ApplicationCommand && interaction.data.type === ApplicationCommandType.ChatInput) {
			const { name } = interaction.data;
			const definition = await definitionOf(name);
			if (definition === undefined) {
				return privately(
					`\`/${name}\` is not one of my commands (an admin can run \`npm run discord:register\` to bring them up to date). \`/kubecoach\` lists what I can do.`,
				);
			}
			const read = readOptions(definition, (interaction.data.options ?? []) as readonly ReceivedOption[]);
			if ("refusal" in read) return privately(read.refusal);
			const args = definition.args(read.ok);
			if ("refusal" in args) return privately(args.refusal);
			return router.handleCommand(definition.core, args.args, context);
		}
		if (interaction.type === InteractionType.MessageComponent && interaction.data.component_type === ComponentType.Button) {
			return router.handleAction(interaction.data.custom_id, context);
		}
		return privately("I don't handle that kind of interaction here. `/kubecoach` lists what I can do.");
	}

	/** Suggestions for the option being typed; an empty list for anything unexpected. */
	async #autocomplete(interaction: APIApplicationCommandAutocompleteInteraction): Promise<void> {
		const received = (interaction.data.options ?? []) as readonly ReceivedOption[];
		const definition = await definitionOf(interaction.data.name);
		const read = definition ? readOptions(definition, received) : undefined;
		const focused = read && "ok" in read ? read.focused : undefined;
		const subject = focused ? definition?.suggest?.[focused.name] : undefined;
		const suggestions =
			subject && focused ? (this.#deps.router.suggest?.(subject, focused.value, DISCORD_LIMITS.autocompleteChoices) ?? []) : [];
		const numeric = received.some(isNumericFocus);
		const choices = suggestions
			.filter((s) => s.value.length <= DISCORD_LIMITS.choiceValue && (!numeric || /^\d+$/.test(s.value)))
			.slice(0, DISCORD_LIMITS.autocompleteChoices)
			.map((s) => ({ name: clip(s.label, DISCORD_LIMITS.choiceName), value: numeric ? Number(s.value) : s.value }));
		try {
			await this.#calls(interaction).autocomplete(choices);
		} catch (error) {
			this.#deps.logger.warn(`Could not answer a Discord autocomplete: ${describe(error)}`);
		}
	}
}

/** The focused option (at any depth) holds a whole number. */
function isNumericFocus(option: ReceivedOption): boolean {
	if (option.focused) return option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number;
	return (option.options ?? []).some(isNumericFocus);
}
