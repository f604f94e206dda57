/** Store.participation on seeded data, on every store: it agrees with reading the answers and counting them. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import { openSqliteStore } from "../../adapters/sqlite/open-sqlite-store.ts";
import type { Store } from "../../src/ports/store.ts";
import { clean, connectTestRedis, testPrefix } from "../contract/redis-test-db.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { participationByScan } from "../helpers/participation-by-scan.ts";
import { SEEDED_ZONES, seedParticipation } from "../helpers/participation-seed.ts";

// This file's own Redis database.
const DB = 13;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups) await cleanup();
});

const stores: Record<string, () => Promise<Store>> = {
	memory: async () => new MemoryStore(),
	SQLite: async () => {
		const dir = await mkdtemp(join(tmpdir(), "kubecoach-participation-"));
		const store = await openSqliteStore({ dir });
		cleanups.push(async () => {
			await store.close();
			await rm(dir, { recursive: true, force: true });
		});
		return store;
	},
	Redis: async () => {
		const prefix = testPrefix("participation");
		const store = new RedisStore(await connectTestRedis(DB), { keyPrefix: prefix });
		cleanups.push(async () => {
			await store.close();
			const admin = await connectTestRedis(DB);
			await clean(admin, prefix);
			await admin.quit();
		});
		return store;
	},
};

const fourWeeks = { from: new Date("2026-03-16T00:00:00Z"), to: new Date("2026-04-13T00:00:00Z") };

describe.each(Object.entries(stores))(
	"participation figures on %s (3 channels, 40 learners, 10 weeks across DST changes)",
	(_name, make) => {
		it("agree with reading every answer through the port and counting, per channel and per workspace", async () => {
			const store = await make();
			await seedParticipation(store);
			for (const channelId of Object.keys(SEEDED_ZONES)) {
				const figures = await store.participation({ channelId }, fourWeeks);
				expect(figures).toEqual(await participationByScan(store, [channelId], fourWeeks));
				// Weeks of each channel's own calendar: Sunday evening in New York is Monday in UTC.
				const weeks = ["2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06"];
				expect(figures.weeks.map((w) => w.week)).toEqual(channelId === "slack:T1:C2" ? ["2026-03-09", ...weeks] : weeks);
			}
			const workspace = await store.participation({ workspaceId: "slack:T1" }, fourWeeks);
			expect(workspace).toEqual(await participationByScan(store, ["slack:T1:C1", "slack:T1:C2"], fourWeeks));
			expect(workspace.learners).toHaveLength(40);
			const all = await store.participation({ workspaceId: "slack:T1" }, { from: new Date(0), to: new Date("2026-06-01T00:00:00Z") });
			expect(all.weeks.reduce((sum, w) => sum + w.answers, 0)).toBe(2 * 30 * 32);
		});
	},
);
