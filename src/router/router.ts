import type { Reply } from "../reply.ts";
import type { ActionHandler, Command, CommandContext } from "./command.ts";

/**
 * Routes chat text ("/explain OOMKilled") and button presses to the core's commands and answers
 * with neutral replies. Unknown commands and bare text get the help, never silence.
 */
export class CommandRouter {
	readonly #commands = new Map<string, Command>();
	readonly #actions = new Map<string, ActionHandler>();

	constructor(commands: readonly Command[], actions: readonly ActionHandler[] = []) {
		for (const command of commands) this.#commands.set(command.name, command);
		for (const action of actions) this.#actions.set(action.action, action);
	}

	get commands(): readonly Command[] {
		return [...this.#commands.values()];
	}

	async handleText(text: string, context: CommandContext): Promise<readonly Reply[]> {
		const trimmed = text.trim();
		const parsed = /^\/?([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(trimmed);
		const name = (parsed?.[1] ?? "").toLowerCase();
		if (name === "help") return [this.help()];
		const command = this.#commands.get(name);
		if (!parsed || !command) return [this.help(trimmed === "" ? undefined : trimmed)];
		return command.run((parsed[2] ?? "").trim(), context);
	}

	async handleAction(action: string, value: string, context: CommandContext): Promise<readonly Reply[]> {
		const handler = this.#actions.get(action);
		if (!handler) {
			return [{ text: `That button (${action}) no longer does anything here. Type /help to see what I can do.`, visibility: "private" }];
		}
		return handler.run(value, context);
	}

	help(unknown?: string): Reply {
		const lines = [...this.commands.map((command) => `\`${command.usage}\` — ${command.summary}`), "`/help` — this list"];
		return {
			header: "kubecoach commands",
			text: `${unknown ? `I don't know \`${unknown.split(/\s+/)[0]}\`. ` : ""}Here is what I can do:\n${lines.join("\n")}`,
			visibility: "private",
		};
	}
}
