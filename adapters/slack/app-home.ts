/**
 * The App Home tab: the learner's home from the core (progress, streak, due reviews and a button
 * to start them), published with views.publish whenever it is opened. A press in the tab (start a
 * review, answer it) shows its replies at the top of the tab, above a fresh home, so the review
 * happens there. The direct-message channel rides in the view's private_metadata, to give presses
 * their channel.
 */
import type { Reply } from "../../src/reply.ts";
import type { ChatRouter, CommandContext } from "../../src/router/command.ts";
import { BLOCK_KIT } from "./block-kit-limits.ts";
import type { SlackBlock } from "./blocks.ts";
import { renderMessage } from "./render-message.ts";
import type { SlackApi } from "./slack-api.ts";
import { SLACK_ID } from "./slack-ids.ts";

const DIVIDER: SlackBlock = { type: "divider" };

/** The direct-message channel kept in a home view's private_metadata, when it is one. */
export function homeChannelOf(privateMetadata: unknown): string | undefined {
	if (typeof privateMetadata !== "string") return undefined;
	try {
		const { channel } = JSON.parse(privateMetadata) as { channel?: unknown };
		return typeof channel === "string" && SLACK_ID.test(channel) ? channel : undefined;
	} catch {
		return undefined;
	}
}

export class AppHome {
	readonly #api: SlackApi;

	constructor(api: SlackApi) {
		this.#api = api;
	}

	/** Publishes the user's home, with `above` (what a press in the tab answered) on top. */
	async show(router: ChatRouter, context: CommandContext, user: string, channel: string, above: readonly Reply[] = []): Promise<void> {
		const home = router.handleHome
			? (await router.handleHome(context)).replies
			: [{ text: "Type `/kubecoach help` in a channel to see what I can do." }];
		const homeBlocks = home.flatMap((reply) => renderMessage(reply, { maxBlocks: BLOCK_KIT.blocksPerView }).blocks);
		const rendered = above.map((reply) => renderMessage(reply, { maxBlocks: BLOCK_KIT.blocksPerView }));
		const room = BLOCK_KIT.blocksPerView - homeBlocks.length - 1;
		const top = rendered.flatMap((message) => [...message.blocks, DIVIDER]).slice(0, Math.max(0, room));
		await this.#api.publishHome(user, uniqueActions([...top, ...homeBlocks]), JSON.stringify({ channel }));
		const files = rendered.flatMap((message) => message.files);
		if (files.length > 0) await this.#api.upload(files, { channel, comment: "The files that go with my answer in the Home tab." });
	}
}

/** A view's action ids must be unique: a button shown twice (the same reply above and in the home) stays once. */
function uniqueActions(blocks: readonly SlackBlock[]): SlackBlock[] {
	const seen = new Set<string>();
	return blocks.flatMap((block): SlackBlock[] => {
		if (block.type !== "actions") return [block];
		const elements = block.elements.filter((element) => !seen.has(element.action_id) && seen.add(element.action_id));
		return elements.length > 0 ? [{ ...block, elements }] : [];
	});
}
