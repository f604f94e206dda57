/**
 * The REST calls that answer one interaction, as Discord defines them: the first response is a
 * callback on the interaction (a message, a deferral or autocomplete choices); everything after
 * goes through the application's webhook with the interaction's token (edits, follow-ups,
 * deletions). None of them carries the bot token: the interaction's token is the authorization.
 */
import type { REST } from "@discordjs/rest";
import { InteractionResponseType, MessageFlags, Routes } from "discord-api-types/v10";
import type { DiscordMessage } from "./discord-limits.ts";
import { type RestMessage, restMessage } from "./wire.ts";

/** Which message of the interaction: its first response, or a follow-up's id. */
export type ResponseMessage = "@original" | (string & {});

export interface AutocompleteChoice {
	readonly name: string;
	readonly value: string | number;
}

export class InteractionCalls {
	readonly #rest: REST;
	readonly #applicationId: string;
	readonly #id: string;
	readonly #token: string;

	constructor(rest: REST, applicationId: string, interaction: { readonly id: string; readonly token: string }) {
		this.#rest = rest;
		this.#applicationId = applicationId;
		this.#id = interaction.id;
		this.#token = interaction.token;
	}

	/** The first response: the message itself, privately or for the channel. */
	async reply(message: DiscordMessage, ephemeral: boolean): Promise<void> {
		const { body, files } = restMessage(message, ephemeral ? { flags: MessageFlags.Ephemeral } : {});
		await this.#callback({ type: InteractionResponseType.ChannelMessageWithSource, data: body }, files);
	}

	/** The first response: "thinking ...", to be filled by an edit of @original. */
	async defer(ephemeral: boolean): Promise<void> {
		const data = ephemeral ? { flags: MessageFlags.Ephemeral } : {};
		await this.#callback({ type: InteractionResponseType.DeferredChannelMessageWithSource, data });
	}

	async autocomplete(choices: readonly AutocompleteChoice[]): Promise<void> {
		await this.#callback({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
	}

	/** Replaces the whole content of the response or of a follow-up. */
	async edit(message: DiscordMessage, target: ResponseMessage = "@original"): Promise<void> {
		const { body, files } = restMessage(message, { edit: true });
		await this.#rest.patch(Routes.webhookMessage(this.#applicationId, this.#token, target), { body, files, auth: false });
	}

	/** A further message; its id (wait=true makes Discord answer with the message). */
	async followUp(message: DiscordMessage, ephemeral: boolean): Promise<string> {
		const { body, files } = restMessage(message, ephemeral ? { flags: MessageFlags.Ephemeral } : {});
		const posted = (await this.#rest.post(Routes.webhook(this.#applicationId, this.#token), {
			body,
			files,
			auth: false,
			query: new URLSearchParams({ wait: "true" }),
		})) as { readonly id: string };
		return posted.id;
	}

	async delete(target: ResponseMessage = "@original"): Promise<void> {
		await this.#rest.delete(Routes.webhookMessage(this.#applicationId, this.#token, target), { auth: false });
	}

	async #callback(body: Record<string, unknown>, files: RestMessage["files"] = []): Promise<void> {
		await this.#rest.post(Routes.interactionCallback(this.#id, this.#token), { body, files, auth: false });
	}
}
