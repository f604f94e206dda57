/**
 * Slack lets an app post to an interaction's response_url at most 5 times within 30 minutes.
 * This keeps count per URL (in the process that received the interaction, which is the one that
 * answers it), so that the sixth reply goes another way instead of being refused.
 */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_MS = 30 * 60_000;

interface Use {
	count: number;
	readonly since: number;
}

export class ResponseUrls {
	// In order of first use (a Map iterates in insertion order), so the expired ones are at its front.
	readonly #uses = new Map<string, Use>();
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	/** Takes one use of `url`; false when its uses or its time are spent. */
	take(url: string): boolean {
		const now = this.#now();
		this.#forgetExpired(now);
		const use = this.#uses.get(url);
		if (!use) {
			this.#uses.set(url, { count: 1, since: now });
			return true;
		}
		if (use.count >= RESPONSE_URL_USES || now - use.since > RESPONSE_URL_MS) return false;
		use.count += 1;
		return true;
	}

	/** Marks a URL spent (Slack refused it). */
	spend(url: string): void {
		this.#uses.delete(url);
		this.#uses.set(url, { count: RESPONSE_URL_USES, since: this.#now() });
	}

	/**
	 * Every press in a busy channel brings a new URL: dropping old ones from the front costs each
	 * entry once. Kept for twice their life, so that a late reply to an expired URL (a command that
	 * ran long) is still known to be too late rather than taken for a new URL.
	 */
	#forgetExpired(now: number): void {
		for (const [url, use] of this.#uses) {
			if (now - use.since <= 2 * RESPONSE_URL_MS) return;
			this.#uses.delete(url);
		}
	}
}
