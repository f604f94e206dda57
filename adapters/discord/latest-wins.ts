/**
 * Edits of one message, newest wins: while an edit is on its way, later ones wait, and only the
 * last of them is sent; every caller resolves (or rejects) with the edit that carried its change.
 * Thirty learners answering a quiz at once make one or two edits of its count, not thirty behind
 * Discord's per-channel rate limit, and a late older count never overwrites a newer one.
 */
interface Waiting<T> {
	value: T;
	send: (value: T) => Promise<void>;
	readonly callers: { readonly resolve: () => void; readonly reject: (error: unknown) => void }[];
}

export class LatestWins<T> {
	readonly #waiting = new Map<string, Waiting<T>>();
	readonly #busy = new Set<string>();

	run(key: string, value: T, send: (value: T) => Promise<void>): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const waiting = this.#waiting.get(key);
			if (waiting) {
				waiting.value = value;
				waiting.send = send;
				waiting.callers.push({ resolve, reject });
			} else this.#waiting.set(key, { value, send, callers: [{ resolve, reject }] });
			if (!this.#busy.has(key)) void this.#drain(key);
		});
	}

	async #drain(key: string): Promise<void> {
		this.#busy.add(key);
		try {
			for (let next = this.#waiting.get(key); next !== undefined; next = this.#waiting.get(key)) {
				this.#waiting.delete(key);
				try {
					await next.send(next.value);
					for (const caller of next.callers) caller.resolve();
				} catch (error) {
					for (const caller of next.callers) caller.reject(error);
				}
			}
		} finally {
			this.#busy.delete(key);
		}
	}
}
