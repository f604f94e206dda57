/**
 * The chat contracts against deliberately broken fakes: every check must fail, so that none of
 * them passes whatever an adapter does.
 */
import type { ChatPort } from "../../src/ports/chat.ts";
import type { Reply } from "../../src/reply.ts";
import { type ChatPortSubject, chatPortChecks } from "./chat-port.contract.ts";
import { describeBrokenContract } from "./contract-checks.ts";
import { type RendererSubject, rendererChecks } from "./renderer.contract.ts";

/** Reuses one reference, appends on update, adds a message per update, mixes up its errors, and never finds an item. */
async function brokenChatPort(): Promise<ChatPortSubject> {
	const shown = new Map<string, string>();
	let count = 0;
	let failing = false;
	const text = (reply: Reply) => `${reply.header ?? ""}\n${reply.text ?? ""}`;
	const chat: ChatPort = {
		async post(channelId, reply) {
			if (channelId === "broken:gone") throw new Error("channel_not_found");
			if (failing) {
				failing = false;
				const { ChannelGoneError } = await import("../../src/ports/chat.ts");
				throw new ChannelGoneError(channelId, "it was only a timeout");
			}
			count += 1;
			shown.set("msg", `${shown.get("msg") ?? ""}${text(reply)}`);
			return "msg";
		},
		async update(channelId, ref, reply) {
			if (channelId === "broken:gone") throw new Error("channel_not_found");
			count += 1;
			shown.set(ref, `${shown.get(ref) ?? ""}${text(reply)}`);
		},
		// Never finds an item, whatever was posted with its key.
		async findPost() {
			return null;
		},
	};
	return {
		chat,
		channelId: "broken:ok",
		goneChannelId: "broken:gone",
		failNext: () => {
			failing = true;
		},
		shown: async (ref) => shown.get(ref),
		messageCount: async () => count,
		close: async () => {},
	};
}

interface BrokenPayload {
	readonly text: string;
	readonly labels: readonly string[];
}

/** Prints the raw header and text only (no fields, footer, thread or files), past its own limit, with labels for ids. */
async function brokenRenderer(): Promise<RendererSubject<BrokenPayload>> {
	return {
		limits: [{ name: "message text", max: 500, measure: (payload) => payload.text.length }],
		render: async (reply) => ({ text: `${reply.header ?? ""}\n${reply.text ?? ""}`, labels: (reply.buttons ?? []).map((b) => b.label) }),
		read: (payload) => ({ messages: [{ text: payload.text, buttons: payload.labels.map((label) => ({ id: label, label })) }], files: [] }),
		close: async () => {},
	};
}

describeBrokenContract("ChatPort contract: a broken fake", chatPortChecks, brokenChatPort);
describeBrokenContract("renderer contract: a broken fake", rendererChecks<BrokenPayload>(), brokenRenderer);
