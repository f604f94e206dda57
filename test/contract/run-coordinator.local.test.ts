import type { RunCoordinator as CronRunCoordinator } from "node-cron";
import { LocalRunCoordinator } from "../../adapters/file/local-run-coordinator.ts";
import { runCoordinatorContract } from "./run-coordinator.contract.ts";

runCoordinatorContract({
	name: "single process",
	makePair: async () => {
		// One coordinator seen by two tasks; `satisfies` checks it fits node-cron's hook as it is.
		const coordinator = new LocalRunCoordinator() satisfies CronRunCoordinator;
		return { first: coordinator, second: coordinator };
	},
	teardown: async () => {},
});
