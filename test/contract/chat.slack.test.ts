/**
 * The chat contracts on the Slack adapter: the real SlackChat (Bolt's Web API client) posting to
 * the Web API stand-in, which keeps the messages, threads and files and refuses blocks Slack would
 * refuse. The renderer subject posts each reply the real core produces and reads back what Slack
 * would show: the message, its thread, its files.
 */

import { BLOCK_KIT } from "../../adapters/slack/block-kit-limits.ts";
import { SlackChat } from "../../adapters/slack/slack-chat.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { readBlocks } from "../slack/read-blocks.ts";
import { SlackStandIn, type StandInFile, type StandInMessage } from "../slack/stand-in/slack-stand-in.ts";
import { type ChatPortSubject, chatPortChecks } from "./chat-port.contract.ts";
import { describeContract } from "./contract-checks.ts";
import { type PlatformLimit, type RendererSubject, rendererChecks } from "./renderer.contract.ts";

async function slackChat(): Promise<{ readonly chat: SlackChat; readonly standIn: SlackStandIn }> {
	// Pacing has its own tests (test/slack/rate-limits.test.ts); here posts go at once.
	const standIn = await SlackStandIn.start({ perChannelMs: 0 });
	const chat = await SlackChat.open({
		token: standIn.botToken,
		signingSecret: "contract",
		apiUrl: standIn.apiUrl,
		logger: new RecordingLogger(),
		coordinator: new MemoryRunCoordinator(),
		retryConfig: { retries: 0 },
		perChannelMs: 0,
	});
	return { chat, standIn };
}

async function slackChatPort(): Promise<ChatPortSubject> {
	const { chat, standIn } = await slackChat();
	standIn.gone.set("C0GONE", "channel_not_found");
	const channel = "C0CONTRACT";
	return {
		chat,
		channelId: `slack:T0001:${channel}`,
		goneChannelId: "slack:T0001:C0GONE",
		failNext: () => standIn.fail("chat.postMessage", { error: "internal_error" }),
		shown: async (ref) => {
			const message = standIn.message(channel, ref.split(":").at(-1) ?? "");
			return message === undefined ? undefined : readBlocks(message.blocks).text;
		},
		messageCount: async () => standIn.messagesIn(channel).length,
		close: async () => {
			await chat.stop();
			await standIn.close();
		},
	};
}

interface SlackPayload {
	/** The message, then its thread, as Slack keeps them. */
	readonly messages: readonly StandInMessage[];
	readonly files: readonly StandInFile[];
}

type Block = Record<string, unknown> & {
	readonly elements?: readonly Record<string, unknown>[];
	readonly fields?: readonly { text: string }[];
};
const blocksOf = (payload: SlackPayload): Block[] => payload.messages.flatMap((message) => message.blocks as Block[]);
const most = (values: readonly number[]) => Math.max(0, ...values);
const textLength = (block: Block) => ((block.text as { text?: string } | undefined)?.text ?? "").length;
const buttons = (payload: SlackPayload) => blocksOf(payload).flatMap((block) => (block.type === "actions" ? (block.elements ?? []) : []));

/** Slack's limits (block-kit-limits.ts) measured on what the stand-in received. */
const slackLimits: readonly PlatformLimit<SlackPayload>[] = [
	{ name: "blocks in a message", max: BLOCK_KIT.blocksPerMessage, measure: (p) => most(p.messages.map((m) => m.blocks.length)) },
	{
		name: "characters of a section",
		max: BLOCK_KIT.sectionText,
		measure: (p) =>
			most(
				blocksOf(p)
					.filter((b) => b.type === "section")
					.map(textLength),
			),
	},
	{ name: "fields of a section", max: BLOCK_KIT.sectionFields, measure: (p) => most(blocksOf(p).map((b) => b.fields?.length ?? 0)) },
	{
		name: "characters of a field",
		max: BLOCK_KIT.fieldText,
		measure: (p) => most(blocksOf(p).flatMap((b) => (b.fields ?? []).map((f) => f.text.length))),
	},
	{
		name: "characters of a header",
		max: BLOCK_KIT.headerText,
		measure: (p) =>
			most(
				blocksOf(p)
					.filter((b) => b.type === "header")
					.map(textLength),
			),
	},
	{
		name: "elements of a context block",
		max: BLOCK_KIT.contextElements,
		measure: (p) =>
			most(
				blocksOf(p)
					.filter((b) => b.type === "context")
					.map((b) => b.elements?.length ?? 0),
			),
	},
	{
		name: "elements of an actions block",
		max: BLOCK_KIT.actionsElements,
		measure: (p) =>
			most(
				blocksOf(p)
					.filter((b) => b.type === "actions")
					.map((b) => b.elements?.length ?? 0),
			),
	},
	{
		name: "characters of a button label",
		max: BLOCK_KIT.buttonText,
		measure: (p) => most(buttons(p).map((e) => ((e.text as { text: string }).text ?? "").length)),
	},
	{ name: "characters of an action_id", max: BLOCK_KIT.actionId, measure: (p) => most(buttons(p).map((e) => String(e.action_id).length)) },
	{ name: "characters of the notification text", max: BLOCK_KIT.fallbackText, measure: (p) => most(p.messages.map((m) => m.text.length)) },
];

async function slackRenderer(): Promise<RendererSubject<SlackPayload>> {
	const { chat, standIn } = await slackChat();
	let n = 0;
	return {
		limits: slackLimits,
		async render(reply) {
			const channel = `C0RENDER${++n}`;
			const ref = await chat.post(`slack:T0001:${channel}`, reply);
			const ts = ref.split(":").at(-1);
			const messages = standIn.messagesIn(channel).filter((m) => m.via === "chat.postMessage" && (m.ts === ts || m.threadTs === ts));
			return { messages, files: [...standIn.files.values()].filter((file) => file.channel === channel) };
		},
		read: (payload) => ({
			messages: payload.messages.map((message) => readBlocks(message.blocks)),
			files: payload.files.map((file) => `${file.title ?? ""}\n${file.bytes?.toString() ?? ""}`),
		}),
		close: async () => {
			await chat.stop();
			await standIn.close();
		},
	};
}

describeContract("ChatPort contract: Slack", chatPortChecks, slackChatPort);
describeContract("renderer contract: Slack", rendererChecks<SlackPayload>(), slackRenderer);
