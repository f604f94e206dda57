import { createInterface } from "node:readline";
import type { ChatPort } from "../../src/ports/chat.ts";
import type { Reply, ReplyButton } from "../../src/reply.ts";
import type { CommandContext } from "../../src/router/command.ts";
import type { CommandRouter } from "../../src/router/router.ts";
import { renderText } from "./render-text.ts";

export interface ConsoleChatOptions {
	readonly router: CommandRouter;
	readonly input: NodeJS.ReadableStream;
	readonly output: { write(text: string): unknown };
	/** Show a prompt and a greeting: true when a person types at a terminal. */
	readonly interactive: boolean;
	readonly context?: CommandContext;
}

export const CONSOLE_CONTEXT: CommandContext = { userId: "console:local", channelId: "console:local" };

/**
 * The console chat adapter: one line in, replies out, and the terminal as the one channel the
 * bot posts to (ChatPort). Buttons of the last replies or post can be pressed by typing their
 * number, or the letter of a quiz option. Updates to a posted message print one short line.
 */
export class ConsoleChat implements ChatPort {
	private readonly output: { write(text: string): unknown };
	private readonly interactive: boolean;
	private buttons: readonly ReplyButton[] = [];
	private posted = 0;
	/** Sees every post (the demo waits for its first quiz). */
	onPost: ((reply: Reply) => void) | undefined;

	constructor(options: { readonly output: { write(text: string): unknown }; readonly interactive: boolean }) {
		this.output = options.output;
		this.interactive = options.interactive;
	}

	private show(replies: readonly Reply[]): void {
		const shown: ReplyButton[] = [];
		const blocks = replies.map((reply) => {
			const text = renderText(reply, shown.length + 1);
			shown.push(...(reply.buttons ?? []));
			return text;
		});
		// A command answered with nothing (it posted to the channel instead) keeps the post's buttons.
		if (replies.length === 0) return;
		this.buttons = shown;
		this.output.write(`${blocks.join("\n\n")}\n\n`);
	}

	private prompt(): void {
		if (this.interactive) this.output.write("> ");
	}

	async post(_channelId: string, reply: Reply): Promise<string> {
		if (this.interactive) this.output.write("\n");
		this.show([reply]);
		this.prompt();
		this.posted += 1;
		this.onPost?.(reply);
		return `console:${this.posted}`;
	}

	async update(_channelId: string, messageRef: string, reply: Reply): Promise<void> {
		const final = reply.buttons === undefined || reply.buttons.every((b) => b.action !== "quiz-post");
		const lastLine = final ? ` ${reply.text?.split("\n").at(-1) ?? ""}` : "";
		this.output.write(
			`${this.interactive ? "\n" : ""}~ (${messageRef} updated) ${reply.header ?? ""}: ${reply.footer ?? ""}${lastLine}\n\n`,
		);
		this.prompt();
	}

	/** Reads lines until the input ends, answering each through the router. */
	async run(router: CommandRouter, input: NodeJS.ReadableStream, context: CommandContext = CONSOLE_CONTEXT): Promise<void> {
		const lines = createInterface({ input, terminal: false });
		if (this.interactive) this.output.write('kubecoach (console). Type /help, or try "/explain OOMKilled". Ctrl-D quits.\n\n');
		this.prompt();
		for await (const line of lines) {
			const text = line.trim();
			if (text !== "") {
				const button = pressedButton(text, this.buttons);
				try {
					this.show(button ? await router.handleAction(button.action, button.value, context) : await router.handleText(text, context));
				} catch (error) {
					this.output.write(`Something went wrong: ${error instanceof Error ? error.message : String(error)}\n\n`);
				}
			}
			this.prompt();
		}
	}
}

/** Runs the console chat on its own (no scheduled posts). Resolves when the input ends. */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
	await new ConsoleChat(options).run(options.router, options.input, options.context);
}

/** "2" presses the second button; "b" presses the button labelled "B. ...". */
function pressedButton(text: string, buttons: readonly ReplyButton[]): ReplyButton | undefined {
	if (/^\d{1,2}$/.test(text)) return buttons[Number(text) - 1];
	if (/^[a-d]$/i.test(text)) return buttons.find((b) => b.label.startsWith(`${text.toUpperCase()}. `));
	return undefined;
}
