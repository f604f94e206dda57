/**
 * About one message per second per channel, Slack's limit for chat.postMessage: posts to a channel
 * go one at a time, each starting at least `intervalMs` after the previous one finished (so Slack,
 * whichever moment it counts, sees them a second apart). Posts to different channels do not wait
 * for each other. Per process: another replica's posts are caught by the Web API's 429 handling.
 */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ChannelPacer {
	readonly #intervalMs: number;
	readonly #now: () => number;
	/** The end of the queue of posts to each channel. */
	readonly #tails = new Map<string, Promise<void>>();
	/** When the last post to each channel finished. */
	readonly #finished = new Map<string, number>();

	constructor(options: { readonly intervalMs?: number; readonly now?: () => number } = {}) {
		this.#intervalMs = options.intervalMs ?? 1000;
		this.#now = options.now ?? Date.now;
	}

	/** Runs `post` in the channel's turn. */
	async paced<T>(channel: string, post: () => Promise<T>): Promise<T> {
		const before = this.#tails.get(channel) ?? Promise.resolve();
		let release: () => void = () => {};
		const mine = new Promise<void>((resolve) => {
			release = resolve;
		});
		const tail = before.then(() => mine);
		this.#tails.set(channel, tail);
		await before;
		try {
			const wait = (this.#finished.get(channel) ?? Number.NEGATIVE_INFINITY) + this.#intervalMs - this.#now();
			if (wait > 0) await sleep(wait);
			return await post();
		} finally {
			this.#finished.set(channel, this.#now());
			release();
			if (this.#tails.get(channel) === tail) this.#tails.delete(channel);
			this.#forgetIdle();
		}
	}

	/** Channels idle for longer than the interval need no memory. */
	#forgetIdle(): void {
		if (this.#finished.size < 4096) return;
		const horizon = this.#now() - this.#intervalMs;
		for (const [channel, at] of this.#finished) if (at < horizon && !this.#tails.has(channel)) this.#finished.delete(channel);
	}
}
