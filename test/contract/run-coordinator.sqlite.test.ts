import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../adapters/sqlite/open-sqlite-store.ts";
import { SqliteRunCoordinator } from "../../adapters/sqlite/sqlite-run-coordinator.ts";
import type { SqliteStore } from "../../adapters/sqlite/sqlite-store.ts";
import { runCoordinatorContract } from "./run-coordinator.contract.ts";

const owned = new Map<object, { dir: string; stores: SqliteStore[] }>();

runCoordinatorContract({
	name: "SQLite",
	makePair: async () => {
		const dir = await mkdtemp(join(tmpdir(), "kubecoach-coordinator-"));
		// Two connections to one file, as two processes on one data folder have.
		const stores = [await openSqliteStore({ dir }), await openSqliteStore({ dir })] as const;
		const pair = {
			first: new SqliteRunCoordinator(stores[0].connection),
			second: new SqliteRunCoordinator(stores[1].connection),
		};
		owned.set(pair, { dir, stores: [...stores] });
		return pair;
	},
	teardown: async (pair) => {
		const entry = owned.get(pair);
		if (!entry) throw new Error("unknown pair");
		for (const store of entry.stores) await store.close();
		await rm(entry.dir, { recursive: true, force: true });
	},
});
