/**
 * The Slack user groups a user belongs to, for authorization (KUBECOACH_ADMINS may name a group,
 * "slack:T1:S123"). Read with usergroups.list and kept for a few minutes; asked only when the
 * configuration names a group of this workspace, and never for longer than the acknowledgement
 * allows: a slow or failed read answers with no groups (and is logged).
 */
import type { Logger } from "../../src/ports/logger.ts";
import type { SlackApi } from "./slack-api.ts";

const FRESH_MS = 5 * 60_000;

export class UserGroups {
	readonly #api: SlackApi;
	readonly #logger: Logger;
	readonly #enabled: boolean;
	readonly #waitMs: number;
	#byUser: Map<string, string[]> = new Map();
	#readAt = Number.NEGATIVE_INFINITY;
	#reading: Promise<void> | undefined;

	constructor(api: SlackApi, logger: Logger, options: { readonly enabled: boolean; readonly waitMs?: number }) {
		this.#api = api;
		this.#logger = logger;
		this.#enabled = options.enabled;
		this.#waitMs = options.waitMs ?? 1000;
	}

	/** Slack's ids of the user's groups (S...). */
	async of(user: string): Promise<readonly string[]> {
		if (!this.#enabled) return [];
		if (Date.now() - this.#readAt > FRESH_MS) {
			this.#reading ??= this.#read().finally(() => {
				this.#reading = undefined;
			});
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([this.#reading, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#waitMs)))]);
			clearTimeout(timer);
		}
		return this.#byUser.get(user) ?? [];
	}

	async #read(): Promise<void> {
		try {
			this.#byUser = await this.#api.userGroups();
			this.#readAt = Date.now();
		} catch {
			this.#logger.warn("Could not read Slack user groups: users are checked by their own id until the next try");
			// Try again in a minute rather than on every command.
			this.#readAt = Date.now() - FRESH_MS + 60_000;
		}
	}
}
