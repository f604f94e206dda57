/**
 * The console chat adapter: lines typed (or piped) in, replies out, and the terminal as the one
 * channel the bot posts to (ChatPort). Buttons are numbered across the session (ButtonBoard);
 * followUps print as the next lines; attached files are saved and their paths shown; an update of
 * a posted message prints one short line when only its footer changed (a running count), the
 * whole message when more did (a reveal), and nothing when nothing did.
 */
import { createInterface, type Interface } from "node:readline";
import type { ChatAdapter, Terminal } from "../../src/chat/chat-adapter.ts";
import { ChannelGoneError, type PostOptions } from "../../src/ports/chat.ts";
import type { Reply } from "../../src/reply.ts";
import type { ChatRouter, CommandContext, Handled } from "../../src/router/command.ts";
import { ButtonBoard } from "./button-board.ts";
import { indent, markup, renderText } from "./render-text.ts";
import { SavedFiles } from "./saved-files.ts";

/** The one person and the one channel of the console; the composition root makes them the bot's operator. */
export const CONSOLE_CONTEXT: CommandContext = {
	platform: "console",
	workspaceId: "console",
	channelId: "console:local",
	userId: "console:local",
	groups: [],
};

export interface ConsoleChatOptions {
	readonly terminal: Terminal;
	/** Where attached files (a report, a CSV) are saved. */
	readonly filesDir: string;
	readonly context?: CommandContext;
}

export class ConsoleChat implements ChatAdapter {
	readonly platform = "console" as const;
	readonly operatorIds: readonly string[];
	readonly ended: Promise<void>;
	readonly #terminal: Terminal;
	readonly #context: CommandContext;
	readonly #board = new ButtonBoard();
	readonly #files: SavedFiles;
	/** What each posted message shows now. */
	readonly #messages = new Map<string, Reply>();
	/** Posts made with an itemKey: their reference and when (ms). */
	readonly #items = new Map<string, { readonly ref: string; readonly at: number }>();
	/** Message references stay unique across sessions sharing a store (an old quiz's reveal must not hit a new message). */
	readonly #session = Date.now().toString(36);
	#posted = 0;
	#replied = 0;
	#lines: Interface | undefined;
	/** A typed line is being answered: posts made meanwhile print without a prompt of their own. */
	#busy = false;
	#end: () => void = () => {};

	constructor(options: ConsoleChatOptions) {
		this.#terminal = options.terminal;
		this.#context = options.context ?? CONSOLE_CONTEXT;
		this.#files = new SavedFiles(options.filesDir);
		this.operatorIds = [this.#context.userId];
		this.ended = new Promise((resolve) => {
			this.#end = resolve;
		});
	}

	async post(channelId: string, reply: Reply, options?: PostOptions): Promise<string> {
		this.#checkChannel(channelId);
		const ref = `console:${this.#session}-${this.#posted + 1}`;
		if (options?.itemKey !== undefined) this.#items.set(options.itemKey, { ref, at: Date.now() });
		this.#write(`${this.#interrupting()}${this.#render(ref, reply)}\n\n`);
		this.#posted += 1;
		this.#messages.set(ref, reply);
		if (!this.#busy) this.#prompt();
		return ref;
	}

	/** Posts of this session only: the console is one process, and its messages go with it. */
	async findPost(channelId: string, itemKey: string, since: Date): Promise<string | null> {
		this.#checkChannel(channelId);
		const item = this.#items.get(itemKey);
		return item !== undefined && item.at >= since.getTime() ? item.ref : null;
	}

	async update(channelId: string, messageRef: string, reply: Reply): Promise<void> {
		this.#checkChannel(channelId);
		const before = this.#messages.get(messageRef);
		if (before !== undefined && fingerprint(before) === fingerprint(reply)) return;
		const lead = `${this.#interrupting()}~ updated (${messageRef})`;
		if (before !== undefined && fingerprint({ ...before, footer: "" }) === fingerprint({ ...reply, footer: "" })) {
			this.#write(`${lead}: ${reply.header ?? ""}${reply.footer ? ` — ${markup(reply.footer)}` : ""}\n\n`);
		} else {
			this.#write(`${lead}:\n${this.#render(messageRef, reply)}\n\n`);
		}
		this.#messages.set(messageRef, reply);
		if (!this.#busy) this.#prompt();
	}

	/** A post that arrives while the prompt waits starts on a line of its own. */
	#interrupting(): string {
		return this.#terminal.interactive && !this.#busy ? "\n" : "";
	}

	/** What a message this console posted shows now (undefined for one it did not post). */
	messageOf(messageRef: string): Reply | undefined {
		return this.#messages.get(messageRef);
	}

	/** The messages this console posted, oldest first. */
	messageRefs(): readonly string[] {
		return [...this.#messages.keys()];
	}

	async start(router: ChatRouter): Promise<void> {
		const lines = createInterface({ input: this.#terminal.input, terminal: false });
		this.#lines = lines;
		void this.#read(router, lines).finally(() => this.#end());
	}

	async stop(): Promise<void> {
		this.#lines?.close();
		if (this.#lines === undefined) this.#end();
		await this.ended;
	}

	async #read(router: ChatRouter, lines: Interface): Promise<void> {
		if (this.#terminal.interactive) this.#write('kubecoach (console). Type /help, or try "/explain OOMKilled". Ctrl-D quits.\n\n');
		this.#prompt();
		for await (const line of lines) {
			const text = line.trim();
			this.#busy = true;
			try {
				if (text !== "") await this.#answer(router, text);
			} finally {
				this.#busy = false;
			}
			this.#prompt();
		}
	}

	async #answer(router: ChatRouter, text: string): Promise<void> {
		try {
			const handled = await this.#dispatch(router, text);
			if (handled === undefined) return;
			this.#show(handled.replies);
			if (handled.followUp) this.#show(await handled.followUp());
		} catch (error) {
			this.#write(`Something went wrong: ${error instanceof Error ? error.message : String(error)}\n\n`);
		}
	}

	/** "7" presses button [7]; "b" picks option B of the newest quiz; anything else is typed text. */
	async #dispatch(router: ChatRouter, text: string): Promise<Handled | undefined> {
		if (/^\d{1,6}$/.test(text)) {
			const id = this.#board.byNumber(Number(text));
			if (id !== undefined) return router.handleAction(id, this.#context);
			this.#write(`There is no button [${text}]: buttons show their number in brackets.\n\n`);
			return undefined;
		}
		if (/^[a-z]$/i.test(text) && (this.#board.hasOptions || /^[a-d]$/i.test(text))) {
			const id = this.#board.byOption(text);
			if (id !== undefined) return router.handleAction(id, this.#context);
			this.#write(
				this.#board.hasOptions
					? `The newest quiz has no option ${text.toUpperCase()}.\n\n`
					: "There is no quiz to answer here: /quiz asks one.\n\n",
			);
			return undefined;
		}
		return router.handleText(text, this.#context);
	}

	#show(replies: readonly Reply[]): void {
		if (replies.length === 0) return;
		this.#write(`${replies.map((reply) => this.#render(`reply-${++this.#replied}`, reply)).join("\n\n")}\n\n`);
	}

	/** The reply's text with its buttons numbered on the board, its files saved, and its thread under it. */
	#render(key: string, reply: Reply): string {
		const buttonNumbers = this.#board.show(key, reply.buttons);
		const savedFiles = this.#files.save(reply.files);
		// An image (a chart) is saved as a PNG whose path the line prints, for any image viewer.
		const [savedImage] = reply.image ? this.#files.save([{ name: "image.png", mediaType: "image/png", content: reply.image.png }]) : [];
		const thread = (reply.thread ?? []).map((child, i) => indent(this.#render(`${key}/${i + 1}`, child), "  │ "));
		return [renderText(reply, { buttonNumbers, savedFiles, ...(savedImage === undefined ? {} : { savedImage }) }), ...thread].join(
			"\n  │\n",
		);
	}

	#checkChannel(channelId: string): void {
		if (channelId !== this.#context.channelId) {
			throw new ChannelGoneError(channelId, `the console has one channel, ${this.#context.channelId}`);
		}
	}

	#write(text: string): void {
		this.#terminal.output.write(text);
	}

	#prompt(): void {
		if (this.#terminal.interactive) this.#write("> ");
	}
}

/** Replies compared by what they show (file contents by size). */
function fingerprint(reply: Reply): string {
	return JSON.stringify(reply, (_key, value) => (value instanceof Uint8Array ? `bytes:${value.length}` : value));
}

/** Runs the console chat on its own (no scheduled posts); resolves when the input ends. */
export async function runConsoleChat(options: ConsoleChatOptions & { readonly router: ChatRouter }): Promise<void> {
	const chat = new ConsoleChat(options);
	await chat.start(options.router);
	await chat.ended;
}
