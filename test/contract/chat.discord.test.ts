/**
 * The chat contracts on the Discord adapter: the real discord.js gateway client logged in to the local
 * stand-in, posting and editing through its REST; replies rendered and sent as Discord shows
 * them, read back from what the stand-in stored, and measured against Discord's limits.
 */
import { DiscordChat } from "../../adapters/discord/discord-chat.ts";
import { DISCORD_LIMITS as L } from "../../adapters/discord/discord-limits.ts";
import type { ChatRouter } from "../../src/router/command.ts";
import { shownText } from "../discord/harness.ts";
import { APP_ID, DiscordStandIn, GUILD, type StoredMessage, TOKEN } from "../discord/stand-in/discord-stand-in.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { type ChatPortSubject, chatPortChecks } from "./chat-port.contract.ts";
import { describeContract } from "./contract-checks.ts";
import { type PlatformLimit, type RendererSubject, rendererChecks } from "./renderer.contract.ts";

const [live, gone] = GUILD.channels.map((channel) => channel.id) as [string, string];
const coreId = (channel: string) => `discord:${GUILD.id}:${channel}`;
const RETRIES = 3;

const router: ChatRouter = {
	commands: [],
	handleText: async () => ({ replies: [] }),
	handleCommand: async () => ({ replies: [] }),
	handleAction: async () => ({ replies: [] }),
};

async function connected(): Promise<{ standIn: DiscordStandIn; chat: DiscordChat; close(): Promise<void> }> {
	const standIn = await DiscordStandIn.start();
	const chat = new DiscordChat({
		token: TOKEN,
		applicationId: APP_ID,
		apiUrl: standIn.api,
		logger: new RecordingLogger(),
		coordinator: new MemoryRunCoordinator(),
		retries: RETRIES,
	});
	await chat.start(router);
	return {
		standIn,
		chat,
		async close() {
			await chat.stop();
			await standIn.close();
		},
	};
}

async function discordChatPort(): Promise<ChatPortSubject> {
	const { standIn, chat, close } = await connected();
	standIn.deleteChannel(gone);
	return {
		chat,
		channelId: coreId(live),
		goneChannelId: coreId(gone),
		// More 502s than the client retries: the call fails, as when Discord is in trouble for a moment.
		failNext: () => standIn.failNext("POST", /^\/channels\/\d+\/messages$/, RETRIES + 1),
		shown: async (ref) => {
			const message = standIn.messages(live).find((m) => ref === `discord:${live}:${m.id}`);
			return message === undefined ? undefined : shownText(message);
		},
		messageCount: async () => standIn.messages(live).length,
		close,
	};
}

const allEmbeds = (messages: readonly StoredMessage[]) => messages.flatMap((m) => m.embeds);
const most = (messages: readonly StoredMessage[], measure: (m: StoredMessage) => number) => Math.max(0, ...messages.map(measure));
const embedChars = (m: StoredMessage) =>
	m.embeds.reduce(
		(sum, e) =>
			sum +
			(e.title?.length ?? 0) +
			(e.description?.length ?? 0) +
			(e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0) +
			(e.footer?.text.length ?? 0),
		0,
	);
const buttons = (m: StoredMessage) => m.components.flatMap((row) => row.components);

/** Discord's limits as the adapter states them (its data), measured on what the stand-in stored. */
const discordLimits: readonly PlatformLimit<readonly StoredMessage[]>[] = [
	{ name: "content characters", max: L.content, measure: (ms) => most(ms, (m) => m.content.length) },
	{ name: "embeds in a message", max: L.embedsPerMessage, measure: (ms) => most(ms, (m) => m.embeds.length) },
	{ name: "embed title", max: L.embedTitle, measure: (ms) => Math.max(0, ...allEmbeds(ms).map((e) => e.title?.length ?? 0)) },
	{
		name: "embed description",
		max: L.embedDescription,
		measure: (ms) => Math.max(0, ...allEmbeds(ms).map((e) => e.description?.length ?? 0)),
	},
	{ name: "fields in an embed", max: L.fieldsPerEmbed, measure: (ms) => Math.max(0, ...allEmbeds(ms).map((e) => e.fields?.length ?? 0)) },
	{
		name: "field name",
		max: L.fieldName,
		measure: (ms) => Math.max(0, ...allEmbeds(ms).flatMap((e) => (e.fields ?? []).map((f) => f.name.length))),
	},
	{
		name: "field value",
		max: L.fieldValue,
		measure: (ms) => Math.max(0, ...allEmbeds(ms).flatMap((e) => (e.fields ?? []).map((f) => f.value.length))),
	},
	{ name: "footer", max: L.footer, measure: (ms) => Math.max(0, ...allEmbeds(ms).map((e) => e.footer?.text.length ?? 0)) },
	{ name: "embed characters in a message", max: L.embedsTotal, measure: (ms) => most(ms, embedChars) },
	{ name: "rows in a message", max: L.rowsPerMessage, measure: (ms) => most(ms, (m) => m.components.length) },
	{
		name: "buttons in a row",
		max: L.buttonsPerRow,
		measure: (ms) => most(ms, (m) => Math.max(0, ...m.components.map((row) => row.components.length))),
	},
	{ name: "custom_id", max: L.customId, measure: (ms) => most(ms, (m) => Math.max(0, ...buttons(m).map((b) => b.custom_id?.length ?? 0))) },
	{
		name: "button label",
		max: L.buttonLabel,
		measure: (ms) => most(ms, (m) => Math.max(0, ...buttons(m).map((b) => b.label?.length ?? 0))),
	},
	{ name: "files in a message", max: L.filesPerMessage, measure: (ms) => most(ms, (m) => m.attachments.length) },
];

/** Posts each reply to a channel of the stand-in and hands back the messages it shows for it. */
async function discordRenderer(): Promise<RendererSubject<readonly StoredMessage[]>> {
	const { standIn, chat, close } = await connected();
	const decoder = new TextDecoder();
	return {
		limits: discordLimits,
		async render(reply) {
			const before = standIn.messages(live).length;
			await chat.post(coreId(live), reply);
			return standIn.messages(live).slice(before);
		},
		read: (messages) => ({
			messages: messages.map((m) => ({
				text: [shownText(m), ...m.attachments.map((a) => a.description ?? "")].join("\n"),
				buttons: buttons(m).map((b) => ({ id: b.custom_id ?? "", label: b.label ?? "" })),
			})),
			files: messages.flatMap((m) => m.attachments.filter((a) => a.content_type?.startsWith("text/")).map((a) => decoder.decode(a.data))),
		}),
		close,
	};
}

describeContract("ChatPort contract: Discord", chatPortChecks, discordChatPort);
describeContract("renderer contract: Discord", rendererChecks<readonly StoredMessage[]>(), discordRenderer);
