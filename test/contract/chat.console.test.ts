/**
 * The chat contracts on the console adapter. Each platform has one file like this one: a ChatPort
 * subject and a renderer subject, handed to the shared suites.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { ConsoleChat } from "../../adapters/console/console-chat.ts";
import { renderText } from "../../adapters/console/render-text.ts";
import type { ChatRouter, Handled } from "../../src/router/command.ts";
import { type ChatPortSubject, chatPortChecks } from "./chat-port.contract.ts";
import { describeContract } from "./contract-checks.ts";
import { type PlatformLimit, type RendererSubject, rendererChecks } from "./renderer.contract.ts";

function consoleChat(write: (text: string) => void) {
	const input = new PassThrough();
	const filesDir = mkdtempSync(join(tmpdir(), "kubecoach-contract-"));
	const chat = new ConsoleChat({ terminal: { input, output: { write }, interactive: false }, filesDir });
	return { chat, input };
}

async function consoleChatPort(): Promise<ChatPortSubject> {
	let failing = false;
	const { chat, input } = consoleChat(() => {
		if (failing) {
			failing = false;
			throw Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
		}
	});
	return {
		chat,
		channelId: "console:local",
		goneChannelId: "console:elsewhere",
		failNext: () => {
			failing = true;
		},
		shown: async (ref) => {
			const reply = chat.messageOf(ref);
			return reply === undefined ? undefined : renderText(reply);
		},
		messageCount: async () => chat.messageRefs().length,
		close: async () => {
			input.end();
			await chat.stop();
		},
	};
}

interface ConsolePayload {
	readonly text: string;
	readonly buttons: readonly { readonly id: string; readonly label: string }[];
	readonly files: readonly string[];
}

/** The console's one platform limit: nothing in the output may drive the terminal. */
const consoleLimits: readonly PlatformLimit<ConsolePayload>[] = [
	{
		name: "terminal control characters in the output",
		max: 0,
		// biome-ignore lint/suspicious/noControlCharactersInRegex: counting them is the point
		measure: (payload) => payload.text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)?.length ?? 0,
	},
];

/**
 * Posts each reply to the console and reads it as a person would: the printed text, the files it
 * saved, and each button's id as the console hands it to the router when its number is typed.
 */
async function consoleRenderer(): Promise<RendererSubject<ConsolePayload>> {
	let output = "";
	const pressed: string[] = [];
	const waiters: (() => void)[] = [];
	const { chat, input } = consoleChat((text) => {
		output += text;
	});
	const nothing: Handled = { replies: [] };
	const router: ChatRouter = {
		commands: [],
		handleText: async () => nothing,
		handleCommand: async () => nothing,
		async handleAction(id) {
			pressed.push(id);
			for (const wake of waiters.splice(0)) wake();
			return nothing;
		},
	};
	await chat.start(router);
	const pressedCount = (count: number) =>
		new Promise<void>((resolve) => {
			const check = () => (pressed.length >= count ? resolve() : waiters.push(check));
			check();
		});
	return {
		limits: consoleLimits,
		async render(reply) {
			const from = output.length;
			await chat.post("console:local", reply);
			const text = output.slice(from);
			const buttons: { id: string; label: string }[] = [];
			for (const [, number, label] of text.matchAll(/^(?: {2}│ )*\[(\d+)\] (.*)$/gm)) {
				input.write(`${number}\n`);
				await pressedCount(pressed.length + 1);
				buttons.push({ id: pressed.at(-1) ?? "", label: label ?? "" });
			}
			const files = [...text.matchAll(/^(?: {2}│ )*\[file\] [^\n]*: (\S+)$/gm)].map(([, path]) => readFileSync(path ?? "", "utf8"));
			return { text, buttons, files };
		},
		read: (payload) => ({ messages: [{ text: payload.text, buttons: payload.buttons }], files: payload.files }),
		close: async () => {
			input.end();
			await chat.stop();
		},
	};
}

describeContract("ChatPort contract: console", chatPortChecks, consoleChatPort);
describeContract("renderer contract: console", rendererChecks<ConsolePayload>(), consoleRenderer);
