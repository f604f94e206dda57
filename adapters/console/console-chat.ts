import { createInterface } from "node:readline";
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

const CONSOLE_CONTEXT: CommandContext = { userId: "console:local", channelId: "console:local" };

/**
 * The console chat adapter: one line in, replies out. Buttons of the last replies can be pressed
 * by typing their number, or the letter of a quiz option. Resolves when the input ends.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
	const { router, output, interactive } = options;
	const context = options.context ?? CONSOLE_CONTEXT;
	const lines = createInterface({ input: options.input, terminal: false });
	let buttons: readonly ReplyButton[] = [];

	const show = (replies: readonly Reply[]) => {
		const shown: ReplyButton[] = [];
		const blocks = replies.map((reply) => {
			const text = renderText(reply, shown.length + 1);
			shown.push(...(reply.buttons ?? []));
			return text;
		});
		buttons = shown;
		output.write(`${blocks.join("\n\n")}\n\n`);
	};
	const prompt = () => {
		if (interactive) output.write("> ");
	};

	if (interactive) output.write('kubecoach (console). Type /help, or try "/explain OOMKilled". Ctrl-D quits.\n\n');
	prompt();
	for await (const line of lines) {
		const text = line.trim();
		if (text !== "") {
			const button = pressedButton(text, buttons);
			try {
				show(button ? await router.handleAction(button.action, button.value, context) : await router.handleText(text, context));
			} catch (error) {
				output.write(`Something went wrong: ${error instanceof Error ? error.message : String(error)}\n\n`);
			}
		}
		prompt();
	}
}

/** "2" presses the second button; "b" presses the button labelled "B. ...". */
function pressedButton(text: string, buttons: readonly ReplyButton[]): ReplyButton | undefined {
	if (/^\d{1,2}$/.test(text)) return buttons[Number(text) - 1];
	if (/^[a-d]$/i.test(text)) return buttons.find((b) => b.label.startsWith(`${text.toUpperCase()}. `));
	return undefined;
}
