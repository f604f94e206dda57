import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../adapters/sqlite/open-sqlite-store.ts";
import { storeContract } from "./store.contract.ts";

const dirs = new Map<object, string>();

storeContract({
	name: "SQLite",
	makeStore: async () => {
		const dir = await mkdtemp(join(tmpdir(), "kubecoach-sqlite-"));
		const store = await openSqliteStore({ dir });
		dirs.set(store, dir);
		return store;
	},
	teardown: async (store) => {
		await store.close();
		await rm(dirs.get(store) ?? "", { recursive: true, force: true });
	},
});
