/**
 * Answering each event and button press once, across replicas: Slack redelivers an event it
 * thinks was not acknowledged (x-slack-retry-num; Socket Mode's retry_attempt), and a press can
 * arrive twice. The first delivery claims its key in the shared RunCoordinator (Redis when several
 * replicas run) and later ones are acknowledged and dropped. When the claim cannot be asked, the
 * delivery is answered: a rare double answer beats silence.
 */
import type { Logger } from "../../src/ports/logger.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";

/** Slack retries an event for a few minutes (three times, the last about 5 minutes on); keep claims longer. */
const CLAIM_MS = 15 * 60_000;

export class DeliveryClaims {
	readonly #coordinator: RunCoordinator;
	readonly #logger: Logger;

	constructor(coordinator: RunCoordinator, logger: Logger) {
		this.#coordinator = coordinator;
		this.#logger = logger;
	}

	/** True for the first delivery of `key` (an event id, a press's user and time) among all replicas. */
	async first(key: string): Promise<boolean> {
		try {
			return await this.#coordinator.shouldRun(`slack-delivery:${key}`, CLAIM_MS);
		} catch (error) {
			this.#logger.warn(
				`Could not claim Slack delivery ${key}, answering it anyway: ${error instanceof Error ? error.message : String(error)}`,
			);
			return true;
		}
	}
}
