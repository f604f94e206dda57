/**
 * Answers one interaction with what the core handled, within Discord's rules: one initial
 * response within 3 seconds, then edits of it and follow-ups while the token lives (15 minutes).
 *
 * - Quick answers are the response itself (a reply); private ones are ephemeral (flags 64), and a
 *   reply's further messages (its thread, more buttons) follow with the same visibility.
 * - Long work (Handled.answerFollows: a readiness run) defers at once, for the channel ("... is
 *   thinking"); the core's private "Checking ..." goes to the asker as an ephemeral follow-up.
 *   The answer then takes the deferral's place; a private one (the run failed) takes the note's,
 *   and the deferral goes. A note whose answer went to the channel is removed.
 * - A core slow to answer at all gets a private deferral (deferIfSilent) that its answer fills.
 * - A deferral nothing filled is deleted, so that no "is thinking..." stays behind.
 * - Once the token is spent (too late, expired), replies for the channel are posted to it with
 *   the bot's own token; private ones cannot be, and are logged.
 * Calls are serialised, so that a deferral from the timer and the answer never race.
 */
import type { Logger } from "../../src/ports/logger.ts";
import type { Reply } from "../../src/reply.ts";
import type { Handled } from "../../src/router/command.ts";
import { apiFailure, describe, TOKEN_SPENT } from "./discord-errors.ts";
import type { InteractionCalls } from "./interaction-calls.ts";
import { renderReply } from "./render-message.ts";

export interface ResponderDeps {
	readonly logger: Logger;
	/** Posts a reply for everyone to the interaction's channel with the bot's token (when the interaction's is spent). */
	readonly postToChannel: (reply: Reply) => Promise<void>;
}

export class InteractionResponder {
	readonly #calls: InteractionCalls;
	readonly #deps: ResponderDeps;
	#chain: Promise<void> = Promise.resolve();
	#original: "none" | "replied" | "deferred" = "none";
	#ephemeral = false;
	/** A deferral that a reply has filled. */
	#filled = false;
	/** The private "Checking ..." note of long work, which a private answer replaces. */
	#note: string | undefined;
	#tokenSpent = false;

	constructor(calls: InteractionCalls, deps: ResponderDeps) {
		this.#calls = calls;
		this.#deps = deps;
	}

	/** Defers privately when nothing was said yet: the core is taking long. */
	deferIfSilent(): Promise<void> {
		return this.#serial(async () => {
			if (this.#original === "none") await this.#defer(true);
		});
	}

	/** What the core said at once. */
	acknowledge(handled: Handled): Promise<void> {
		return this.#serial(async () => {
			const longWork = handled.answerFollows === true && handled.followUp !== undefined;
			if (longWork && this.#original === "none") await this.#defer(false);
			// Nothing to say now (a quiz posted in the channel): a deferral, removed when all is done.
			if (handled.replies.length === 0 && this.#original === "none") await this.#defer(true);
			for (const reply of handled.replies) {
				const note = longWork && reply.visibility === "private" && this.#note === undefined;
				const sent = await this.#send(reply, longWork ? "beside" : "answer");
				if (note && sent) this.#note = sent.id;
			}
		});
	}

	/** The followUp's replies. */
	deliver(replies: readonly Reply[]): Promise<void> {
		return this.#serial(async () => {
			for (const reply of replies) await this.#send(reply, "answer");
		});
	}

	/** Everything is said: a deferral nothing filled goes, and so does a note whose answer went to the channel. */
	finish(): Promise<void> {
		return this.#serial(async () => {
			if (this.#tokenSpent) return;
			if (this.#original === "deferred" && !this.#filled) await this.#call("delete the deferral", () => this.#calls.delete());
			const note = this.#note;
			if (note !== undefined) await this.#call("delete the note", () => this.#calls.delete(note));
		});
	}

	#serial(step: () => Promise<void>): Promise<void> {
		const next = this.#chain.then(step);
		this.#chain = next.catch(() => {});
		return next;
	}

	async #defer(ephemeral: boolean): Promise<void> {
		const done = await this.#call("defer", () => this.#calls.defer(ephemeral));
		if (done !== false) {
			this.#original = "deferred";
			this.#ephemeral = ephemeral;
		}
	}

	/**
	 * Shows one reply; resolves to its first message when that was a follow-up (a note's id).
	 * `beside`: a note next to a deferral it must not fill.
	 */
	async #send(reply: Reply, role: "answer" | "beside"): Promise<{ readonly id: string } | undefined> {
		const ephemeral = reply.visibility === "private";
		if (this.#tokenSpent) {
			await this.#fallback(reply, ephemeral);
			return undefined;
		}
		let first: { readonly id: string } | undefined;
		for (const [i, message] of renderReply(reply).entries()) {
			let sent: unknown;
			if (this.#original === "none") {
				sent = await this.#call("reply", () => this.#calls.reply(message, ephemeral));
				if (sent !== false) {
					this.#original = "replied";
					this.#ephemeral = ephemeral;
				}
			} else if (i === 0 && role === "answer" && this.#original === "deferred" && !this.#filled && ephemeral === this.#ephemeral) {
				sent = await this.#call("edit the response", () => this.#calls.edit(message));
				this.#filled = sent !== false;
			} else if (i === 0 && role === "answer" && ephemeral && this.#note !== undefined) {
				const note = this.#note;
				sent = await this.#call("edit the note", () => this.#calls.edit(message, note));
				this.#note = undefined;
			} else {
				sent = await this.#call("follow up", () => this.#calls.followUp(message, ephemeral));
				if (i === 0 && sent !== false) first = { id: sent as string };
			}
			if (sent === false && this.#tokenSpent) {
				await this.#fallback(reply, ephemeral, i);
				return undefined;
			}
		}
		return first;
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
