/**
 * The RunCoordinator contract has teeth: run on a correct in-memory coordinator it passes, and
 * each deliberately broken one fails at least the case that guards what it breaks.
 */
import { describe, expect, it } from "vitest";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { type RunCoordinatorPair, runCoordinatorContract } from "./run-coordinator.contract.ts";
import { collectCases, failingCases } from "./suite-api.ts";

/** A pair sharing one map of claims, each made by `make`. */
function casesFor(make: (claims: Map<string, number>) => RunCoordinator) {
	return collectCases((api) =>
		runCoordinatorContract(
			{
				name: "memory",
				makePair: async (): Promise<RunCoordinatorPair> => {
					const claims = new Map<string, number>();
					return { first: make(claims), second: make(claims) };
				},
				teardown: async () => {},
			},
			api,
		),
	);
}

class AlwaysYes extends MemoryRunCoordinator {
	override async shouldRun(): Promise<boolean> {
		return true;
	}
}

class LeaseNeverEnds extends MemoryRunCoordinator {
	override async shouldRun(key: string): Promise<boolean> {
		return super.shouldRun(key, 24 * 3_600_000);
	}
}

class ForgetsCompleted extends MemoryRunCoordinator {
	override async onComplete(key: string): Promise<void> {
		this.claims.delete(key);
	}
}

const broken: Record<string, { make: (claims: Map<string, number>) => RunCoordinator; caught: string }> = {
	"says yes every time": { make: (claims) => new AlwaysYes({ claims }), caught: "says yes once per fire key" },
	"keeps claims of crashed runs forever": { make: (claims) => new LeaseNeverEnds({ claims }), caught: "frees an uncompleted fire" },
	"forgets a fire once it completed": { make: (claims) => new ForgetsCompleted({ claims }), caught: "keeps a completed fire claimed" },
	"does not share claims between replicas": { make: () => new MemoryRunCoordinator(), caught: "elects exactly one of two racing" },
};

describe("RunCoordinator contract against broken fakes", () => {
	it("passes on a correct in-memory coordinator", async () => {
		const cases = casesFor((claims) => new MemoryRunCoordinator({ claims }));
		expect(cases.length).toBeGreaterThanOrEqual(4);
		expect(await failingCases(cases)).toEqual([]);
	});

	for (const [defect, { make, caught }] of Object.entries(broken)) {
		it(`fails on a coordinator that ${defect}`, async () => {
			const failing = await failingCases(casesFor(make));
			expect(
				failing.some((name) => name.includes(caught)),
				`failing cases: ${failing.join("; ")}`,
			).toBe(true);
		});
	}
});
