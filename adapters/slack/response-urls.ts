/**
 * Slack lets an app post to an interaction's response_url at most 5 times within 30 minutes.
 * This keeps count per URL (in the process that received the interaction, which is the one that
 * answers it), so that the sixth reply goes another way instead of being refused.
 */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_MS = 30 * 60_000;

export class ResponseUrls {
	readonly #uses = new Map<string, { count: number; since: number }>();
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** Takes one use of `url`; false when its uses or its time are spent. */
	take(url: string): boolean {
		const now = this.#now();
		if (this.#uses.size > 1024) for (const [known, use] of this.#uses) if (now - use.since > RESPONSE_URL_MS) this.#uses.delete(known);
		const use = this.#uses.get(url) ?? { count: 0, since: now };
		if (use.count >= RESPONSE_URL_USES || now - use.since > RESPONSE_URL_MS) return false;
		use.count += 1;
		this.#uses.set(url, use);
		return true;
	}

	/** Marks a URL spent (Slack refused it). */
	spend(url: string): void {
		this.#uses.set(url, { count: RESPONSE_URL_USES, since: this.#now() });
	}
}
