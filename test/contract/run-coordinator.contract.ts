/**
 * The RunCoordinator contract, run against SQLite, Redis and deliberately broken fakes
 * (run-coordinator.broken.test.ts). `makePair` returns two coordinators that share one backend, as
 * two replicas would; `teardown` releases them and what they wrote.
 */
import { expect } from "vitest";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import { type SuiteApi, vitestSuite } from "./suite-api.ts";

export interface RunCoordinatorPair {
	readonly first: RunCoordinator;
	readonly second: RunCoordinator;
}

/** `api`: where the cases go (vitest unless a broken fake collects them, see suite-api.ts). */
export function runCoordinatorContract(
	options: {
		readonly name: string;
		readonly makePair: () => Promise<RunCoordinatorPair>;
		readonly teardown: (pair: RunCoordinatorPair) => Promise<void>;
	},
	api: SuiteApi = vitestSuite,
): void {
	api.describe(`RunCoordinator contract: ${options.name}`, () => {
		let pair: RunCoordinatorPair;
		api.beforeEach(async () => {
			pair = await options.makePair();
		});
		api.afterEach(async () => {
			await options.teardown(pair);
		});

		api.it("says yes once per fire key and no to every later ask", async () => {
			expect(await pair.first.shouldRun("drop:2026-01-05T08:00:00.000Z", 30_000)).toBe(true);
			expect(await pair.first.shouldRun("drop:2026-01-05T08:00:00.000Z", 30_000)).toBe(false);
			expect(await pair.second.shouldRun("drop:2026-01-05T08:00:00.000Z", 30_000)).toBe(false);
			expect(await pair.second.shouldRun("drop:2026-01-12T08:00:00.000Z", 30_000)).toBe(true);
		});

		api.it("elects exactly one of two racing coordinators for each of 100 fires", async () => {
			const keys = Array.from(
				{ length: 100 },
				(_, i) => `quiz:2026-01-05T${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00.000Z`,
			);
			const votes = await Promise.all(
				keys.map((key) => Promise.all([pair.first.shouldRun(key, 30_000), pair.second.shouldRun(key, 30_000)])),
			);
			// Exactly one yes per fire: never both, never neither.
			expect(votes.filter(([a, b]) => a !== b)).toHaveLength(100);
		});

		api.it("frees an uncompleted fire after its lease (ttlMs) runs out", async () => {
			expect(await pair.first.shouldRun("crashed-run", 50)).toBe(true);
			expect(await pair.second.shouldRun("crashed-run", 50)).toBe(false);
			await new Promise((r) => setTimeout(r, 120));
			expect(await pair.second.shouldRun("crashed-run", 50)).toBe(true);
		});

		api.it("keeps a completed fire claimed beyond its lease", async () => {
			expect(await pair.first.shouldRun("digest:2026-01-09T16:00:00.000Z", 50)).toBe(true);
			await pair.first.onComplete("digest:2026-01-09T16:00:00.000Z");
			await pair.first.onComplete("digest:2026-01-09T16:00:00.000Z");
			await new Promise((r) => setTimeout(r, 120));
			expect(await pair.second.shouldRun("digest:2026-01-09T16:00:00.000Z", 50)).toBe(false);
		});
	});
}
