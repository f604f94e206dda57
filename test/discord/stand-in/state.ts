/** What the stand-in remembers: channels and their messages, interactions and their responses, commands, knobs. */
import type { StoredMessage } from "./message-rules.ts";

export interface RestCall {
	readonly at: number;
	readonly method: string;
	/** Decoded, without /api/v10: "/webhooks/1/tok/messages/@original". */
	readonly path: string;
	readonly query: URLSearchParams;
	readonly headers: Readonly<Record<string, string | string[] | undefined>>;
	readonly body: unknown;
	/** The status the stand-in answered. */
	status: number;
}

export interface ChannelState {
	readonly id: string;
	readonly guildId?: string;
	readonly messages: StoredMessage[];
	/** Deleted: 404 Unknown Channel (10003). */
	deleted: boolean;
	/** The bot lost access (50001) or the permission to send (50013): 403. */
	forbidden?: 50001 | 50013;
}

export interface InteractionState {
	readonly id: string;
	readonly token: string;
	readonly type: number;
	readonly channelId: string;
	readonly dispatchedAt: number;
	/** The first accepted callback. */
	callback?: { readonly at: number; readonly type: number; readonly flags: number; readonly data: unknown };
	/** Callbacks refused: 10062 (too late), 40060 (already acknowledged). */
	readonly refused: { readonly at: number; readonly code: number }[];
	/** The response message (type 4, or the placeholder of type 5), and its state. */
	original?: StoredMessage;
	originalDeleted: boolean;
	readonly followUps: StoredMessage[];
	/** Follow-ups deleted since (a private note removed once its answer was shown). */
	readonly deletedFollowUps: StoredMessage[];
	/** Autocomplete choices (callback type 8). */
	choices?: readonly { readonly name: string; readonly value: string | number }[];
}

export interface Injected {
	/** "POST /channels/:id/messages" style key matched against the request's method and path. */
	readonly matches: (method: string, path: string) => boolean;
	remaining: number;
	readonly respond: { readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> };
}

export class StandInState {
	readonly calls: RestCall[] = [];
	readonly channels = new Map<string, ChannelState>();
	readonly interactions = new Map<string, InteractionState>();
	/** Registered commands: "global" or a guild id → the list as last PUT. */
	readonly commands = new Map<string, Record<string, unknown>[]>();
	readonly injected: Injected[] = [];
	#next = 300_000_000_000_000_000n;

	nextId(): string {
		this.#next += 1n;
		return String(this.#next);
	}

	channel(id: string, guildId?: string): ChannelState {
		let channel = this.channels.get(id);
		if (channel === undefined) {
			channel = { id, ...(guildId === undefined ? {} : { guildId }), messages: [], deleted: false };
			this.channels.set(id, channel);
		}
		return channel;
	}

	interactionByToken(token: string): InteractionState | undefined {
		for (const interaction of this.interactions.values()) if (interaction.token === token) return interaction;
		return undefined;
	}
}
