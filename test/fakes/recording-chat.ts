/**
 * A ChatPort that records what the core posts and updates, for tests and the bench. Channels in
 * `gone` fail like a deleted channel; a post `failOnce` matches fails once like a network error.
 */
import { ChannelGoneError, type ChatPort, type PostOptions } from "../../src/ports/chat.ts";
import type { Clock } from "../../src/ports/clock.ts";
import type { Reply } from "../../src/reply.ts";

export interface RecordedPost {
	readonly channelId: string;
	readonly ref: string;
	readonly reply: Reply;
	/** The clock's time at the post (epoch when the chat has no clock). */
	readonly at: Date;
	/** PostOptions.itemKey, when the post had one. */
	readonly itemKey?: string;
}

export interface RecordedUpdate {
	readonly channelId: string;
	readonly ref: string;
	readonly reply: Reply;
}

export class RecordingChat implements ChatPort {
	readonly posts: RecordedPost[] = [];
	readonly updates: RecordedUpdate[] = [];
	readonly gone = new Set<string>();
	failOnce: ((reply: Reply) => boolean) | undefined;
	/** Every call, including the ones that failed: "post C1" / "update C1". */
	readonly calls: string[] = [];
	private next = 0;
	private readonly clock: Clock | undefined;

	constructor(clock?: Clock) {
		this.clock = clock;
	}

	async post(channelId: string, reply: Reply, options?: PostOptions): Promise<string> {
		this.calls.push(`post ${channelId}`);
		if (this.gone.has(channelId)) throw new ChannelGoneError(channelId, "channel_not_found");
		if (this.failOnce?.(reply)) {
			this.failOnce = undefined;
			throw new Error("socket hang up");
		}
		const ref = `msg-${++this.next}`;
		const itemKey = options?.itemKey;
		this.posts.push({ channelId, ref, reply, at: this.clock?.now() ?? new Date(0), ...(itemKey === undefined ? {} : { itemKey }) });
		return ref;
	}

	/** Without a clock every post is at time 0: `since` is then not looked at. */
	async findPost(channelId: string, itemKey: string, since: Date): Promise<string | null> {
		this.calls.push(`findPost ${channelId}`);
		const found = this.posts.find(
			(p) => p.channelId === channelId && p.itemKey === itemKey && (!this.clock || p.at.getTime() >= since.getTime()),
		);
		return found?.ref ?? null;
	}

	async update(channelId: string, ref: string, reply: Reply): Promise<void> {
		this.calls.push(`update ${channelId}`);
		if (this.gone.has(channelId)) throw new ChannelGoneError(channelId, "channel_not_found");
		this.updates.push({ channelId, ref, reply });
	}

	/** Posts in a channel whose header starts with `prefix`. */
	postsIn(channelId: string, prefix = ""): RecordedPost[] {
		return this.posts.filter((p) => p.channelId === channelId && (p.reply.header ?? "").startsWith(prefix));
	}
}
