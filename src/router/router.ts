import { type Logger, silentLogger } from "../ports/logger.ts";
import { type Metrics, noMetrics } from "../ports/metrics.ts";
import type { Reply } from "../reply.ts";
import { decodeButtonId } from "./button-id.ts";
import type { ActionHandler, ChatRouter, Command, CommandContext, Handled } from "./command.ts";
import { privately } from "./handled.ts";
import type { Suggest, Suggestion, SuggestionSubject } from "./suggestions.ts";

/** The one entry Slack and Discord register (`/kubecoach explain OOMKilled`), so that no other app's command collides. */
export const ENTRY_COMMAND = "kubecoach";

export interface RouterOptions {
	readonly logger?: Logger;
	/** Counts every command, button and home by name and outcome, with its duration (followUp included). */
	readonly metrics?: Metrics;
	readonly suggest?: Suggest;
	/** The learner's home (src/quiz/learner-home.ts); without it, handleHome says there is none. */
	readonly home?: (context: CommandContext) => Promise<Reply>;
}

const COMMAND_LINE = /^\/?([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/;

/**
 * Routes chat text ("/explain OOMKilled"), parsed commands and button presses to the core's
 * commands and answers with Handled (replies now, a followUp later). Unknown commands and bare
 * text get the help, never silence; a command that throws answers with one line and is logged.
 */
export class CommandRouter implements ChatRouter {
	readonly #commands = new Map<string, Command>();
	readonly #actions = new Map<string, ActionHandler>();
	readonly #logger: Logger;
	readonly #metrics: Metrics;
	readonly #suggest: Suggest | undefined;
	readonly #home: ((context: CommandContext) => Promise<Reply>) | undefined;

	constructor(commands: readonly Command[], actions: readonly ActionHandler[] = [], options: RouterOptions = {}) {
		for (const command of commands) this.#commands.set(command.name, command);
		for (const action of actions) this.#actions.set(action.action, action);
		this.#logger = options.logger ?? silentLogger;
		this.#metrics = options.metrics ?? noMetrics;
		this.#suggest = options.suggest;
		this.#home = options.home;
	}

	suggest(subject: SuggestionSubject, typed: string, limit?: number): readonly Suggestion[] {
		try {
			return this.#suggest?.(subject, typed, limit) ?? [];
		} catch (error) {
			this.#logger.error(`Suggestions for ${subject} failed: ${error instanceof Error ? error.message : String(error)}`);
			return [];
		}
	}

	get commands(): readonly Command[] {
		return [...this.#commands.values()];
	}

	async handleText(text: string, context: CommandContext): Promise<Handled> {
		const trimmed = text.trim();
		const parsed = COMMAND_LINE.exec(trimmed);
		const name = (parsed?.[1] ?? "").toLowerCase();
		const known = name === ENTRY_COMMAND || name === "help" || this.#commands.has(name);
		if (!parsed || !known) return { replies: [this.help(trimmed === "" ? undefined : trimmed)] };
		return this.handleCommand(name, parsed[2] ?? "", context);
	}

	async handleCommand(name: string, args: string, context: CommandContext): Promise<Handled> {
		let word = name.trim().replace(/^\//, "").toLowerCase();
		let rest = args.trim();
		if (word === ENTRY_COMMAND) {
			// `/kubecoach explain OOMKilled` is `/explain OOMKilled`; `/kubecoach` alone is the help.
			const [sub = ""] = rest.split(/\s+/);
			word = sub.replace(/^\//, "").toLowerCase();
			rest = rest.slice(sub.length).trim();
			if (word === "" || word === ENTRY_COMMAND) return { replies: [this.help()] };
		}
		if (word === "help") return { replies: [this.help()] };
		const command = this.#commands.get(word);
		if (!command) return { replies: [this.help(`/${word}`)] };
		return this.#guard(`/${command.name}`, command.name, () => command.run(rest, context));
	}

	async handleAction(buttonId: string, context: CommandContext): Promise<Handled> {
		const target = decodeButtonId(buttonId);
		if (!target) {
			return privately("That button is not one I know: it may come from an older version of me. Type /help to see what I can do.");
		}
		const handler = this.#actions.get(target.action);
		if (!handler) {
			return privately(`That button (${target.action}) no longer does anything here. Type /help to see what I can do.`);
		}
		return this.#guard(`the ${target.action} button`, `button:${target.action}`, () => handler.run(target.value, context));
	}

	async handleHome(context: CommandContext): Promise<Handled> {
		const home = this.#home;
		if (home === undefined) return privately("Progress needs a store: this bot runs without one. Type /help to see what I can do.");
		return this.#guard("your home", "home", async () => ({ replies: [await home(context)] }));
	}

	help(unknown?: string): Reply {
		const lines = [
			...this.commands.map((command) => `\`${command.usage}\` — ${command.summary}`),
			`\`/${ENTRY_COMMAND} COMMAND ...\` — any of these through one entry, e.g. \`/${ENTRY_COMMAND} explain OOMKilled\``,
			"`/help` — this list",
		];
		const first = unknown?.split(/\s+/)[0];
		return {
			header: "kubecoach commands",
			text: `${first ? `I don't know \`${first.replaceAll("`", "'")}\`. ` : ""}Here is what I can do:\n${lines.join("\n")}`,
			visibility: "private",
		};
	}

	/** Runs a command or an action; what throws, now or in its followUp, becomes one private line. */
	async #guard(what: string, name: string, run: () => Promise<Handled>): Promise<Handled> {
		const started = performance.now();
		const done = (outcome: "ok" | "error") => this.#metrics.commandDone(name, outcome, (performance.now() - started) / 1000);
		let handled: Handled;
		try {
			handled = await run();
		} catch (error) {
			done("error");
			return { replies: [this.#failure(what, error)] };
		}
		const { followUp } = handled;
		if (!followUp) {
			done("ok");
			return handled;
		}
		return {
			replies: handled.replies,
			...(handled.answerFollows ? { answerFollows: true } : {}),
			followUp: async () => {
				try {
					const replies = await followUp();
					done("ok");
					return replies;
				} catch (error) {
					done("error");
					return [this.#failure(what, error)];
				}
			},
		};
	}

	#failure(what: string, error: unknown): Reply {
		const message = error instanceof Error ? error.message : String(error);
		const code = (error as { code?: unknown } | null)?.code;
		this.#logger.error(`${what} failed: ${message}`, typeof code === "string" ? { code } : {});
		// Errors with a stable code carry a message written for people; anything else may not.
		const text =
			typeof code === "string" && message.trim() !== ""
				? (message.split("\n")[0] ?? "").slice(0, 300)
				: `Something went wrong on my side with ${what}; it is logged. Please try again in a moment.`;
		return { text, visibility: "private" };
	}
}
