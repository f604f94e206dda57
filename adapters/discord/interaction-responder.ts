/**
 * Answers one interaction with what the core handled, within Discord's rules: one initial
 * response within 3 seconds (a reply, or a deferral when the core is slow or has nothing to say
 * yet), then edits of that response and follow-ups while the token lives (15 minutes).
 *
 * - Private replies are ephemeral (flags 64); a reply's further messages (its thread, more
 *   buttons) follow with the same visibility.
 * - A private acknowledgement that announces work ("Checking `payments` ...") is replaced by a
 *   private result, or, when the result is for the channel, says where it was posted.
 * - A deferral nothing filled is deleted, so that no "is thinking..." stays behind.
 * - Once the token is spent (too late, expired), replies for the channel are posted to it
 *   through the bot's own token; private ones cannot be, and are logged.
 * Calls are serialised, so that a deferral from the timer and the answer never race.
 */
import { type Message, MessageFlags, type RepliableInteraction } from "discord.js";
import type { Logger } from "../../src/ports/logger.ts";
import type { Reply } from "../../src/reply.ts";
import { apiFailure, describe, TOKEN_SPENT } from "./discord-errors.ts";
import { renderReply } from "./render-message.ts";
import { interactionMessage } from "./wire.ts";

export interface ResponderDeps {
	readonly logger: Logger;
	/** Posts a reply for everyone to the interaction's channel with the bot's token (when the interaction's is spent). */
	readonly postToChannel: (reply: Reply) => Promise<void>;
}

type Original = "none" | "replied" | "deferred";

export class InteractionResponder {
	readonly #interaction: RepliableInteraction;
	readonly #deps: ResponderDeps;
	#chain: Promise<void> = Promise.resolve();
	#original: Original = "none";
	#ephemeral = false;
	/** A deferral that a reply has filled. */
	#filled = false;
	/** The text of a private acknowledgement that the followUp's result may replace. */
	#note: string | undefined;
	#tokenSpent = false;

	constructor(interaction: RepliableInteraction, deps: ResponderDeps) {
		this.#interaction = interaction;
		this.#deps = deps;
	}

	/** Defers (privately) when nothing was said yet: the core is taking long. */
	deferIfSilent(): Promise<void> {
		return this.#serial(async () => {
			if (this.#original === "none") await this.#defer(true);
		});
	}

	/** The core's immediate replies; `more` when a followUp will bring more. */
	acknowledge(replies: readonly Reply[], more: boolean): Promise<void> {
		return this.#serial(async () => {
			if (replies.length === 0) {
				// Nothing to say now (a quiz posted in the channel): a deferral, removed when all is done.
				if (this.#original === "none") await this.#defer(true);
				return;
			}
			for (const reply of replies) await this.#send(reply, false);
			const [first] = replies;
			if (more && this.#original === "replied" && this.#ephemeral && first?.visibility === "private" && replies.length === 1) {
				this.#note = renderReply(first)[0]?.content;
			}
		});
	}

	/** The followUp's replies. */
	deliver(replies: readonly Reply[]): Promise<void> {
		return this.#serial(async () => {
			for (const reply of replies) await this.#send(reply, true);
		});
	}

	/** Everything is said: a deferral that nothing filled goes away. */
	finish(): Promise<void> {
		return this.#serial(async () => {
			if (this.#original === "deferred" && !this.#filled && !this.#tokenSpent)
				await this.#call("delete the deferral", () => this.#interaction.deleteReply());
		});
	}

	#serial(step: () => Promise<void>): Promise<void> {
		const next = this.#chain.then(step);
		this.#chain = next.catch(() => {});
		return next;
	}

	async #defer(ephemeral: boolean): Promise<void> {
		const done = await this.#call("defer", () => this.#interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}));
		if (done) {
			this.#original = "deferred";
			this.#ephemeral = ephemeral;
		}
	}

	async #send(reply: Reply, later: boolean): Promise<void> {
		const ephemeral = reply.visibility === "private";
		const messages = renderReply(reply);
		if (this.#tokenSpent) return this.#fallback(reply, ephemeral);
		for (const [i, message] of messages.entries()) {
			const options = interactionMessage(message);
			const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
			let sent: unknown;
			if (this.#original === "none") {
				sent = await this.#call("reply", () => this.#interaction.reply({ ...options, ...(flags ? { flags } : {}) }));
				if (sent) {
					this.#original = "replied";
					this.#ephemeral = ephemeral;
				}
			} else if (
				i === 0 &&
				ephemeral === this.#ephemeral &&
				((this.#original === "deferred" && !this.#filled) || (later && ephemeral && this.#note !== undefined))
			) {
				sent = await this.#call("edit the response", () => this.#interaction.editReply(interactionMessage(message, true)));
				this.#filled = true;
				this.#note = undefined;
			} else {
				sent = await this.#call("follow up", () => this.#interaction.followUp({ ...options, ...(flags ? { flags } : {}) }));
				if (i === 0 && later && !ephemeral && this.#note !== undefined && sent) await this.#pointNoteAt(sent as Message);
			}
			if (sent === false && this.#tokenSpent) return this.#fallback(reply, ephemeral, i);
		}
	}

	/** The private "Checking ..." note says where the channel's result is. */
	async #pointNoteAt(message: Message): Promise<void> {
		const note = this.#note;
		this.#note = undefined;
		await this.#call("edit the note", () =>
			this.#interaction.editReply({ content: `${note}\nDone: ${message.url}`, allowedMentions: { parse: [] } }),
		);
	}

	/** The token is spent: a reply for the channel goes there with the bot's token (from message `from` on, it was not shown). */
	async #fallback(reply: Reply, ephemeral: boolean, from = 0): Promise<void> {
		if (ephemeral) {
			this.#deps.logger.warn(
				`A private reply to a Discord interaction could not be delivered: its token is spent (${reply.header ?? reply.text?.slice(0, 60) ?? "reply"})`,
			);
			return;
		}
		if (from > 0)
			this.#deps.logger.warn(
				"Part of a Discord reply was shown before its interaction's token ran out; posting the whole reply to the channel",
			);
		try {
			await this.#deps.postToChannel(reply);
		} catch (error) {
			this.#deps.logger.warn(`A reply for the channel could not be posted after its interaction's token ran out: ${describe(error)}`);
		}
	}

	/** Runs one Discord call: its result, or false when it failed (logged; a spent token remembered). */
	async #call<T>(what: string, run: () => Promise<T>): Promise<T | false> {
		try {
			return await run();
		} catch (error) {
			const failure = apiFailure(error);
			if (failure && TOKEN_SPENT.has(failure.code)) this.#tokenSpent = true;
			this.#deps.logger.warn(`Could not ${what} for a Discord interaction: ${describe(error)}`, failure ? { code: failure.code } : {});
			return false;
		}
	}
}
