import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmptyCard } from "ts-fsrs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../adapters/sqlite/database.ts";
import { loadSqlite } from "../../adapters/sqlite/load-sqlite.ts";
import { openSqliteStore } from "../../adapters/sqlite/open-sqlite-store.ts";
import { MIGRATIONS } from "../../adapters/sqlite/schema.ts";
import type { SqliteStore } from "../../adapters/sqlite/sqlite-store.ts";
import { encodeJson } from "../../src/json-with-dates.ts";
import { calendarDay } from "../../src/ports/store.ts";
import { participationByScan } from "../helpers/participation-by-scan.ts";
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

describe("SQLite participation query (for the participation report)", () => {
	const zones = { "slack:T1:C1": "Europe/Berlin", "slack:T1:C2": "America/New_York", "discord:G1:C3": "Australia/Sydney" } as const;
	let store: SqliteStore;
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), "kubecoach-participation-"));
		store = await openSqliteStore({ dir });
		// 10 weeks across the March DST changes (New York, Berlin) and April's (Sydney); 40 learners a
		// channel, three quizzes a week, answers at varied hours so that local days differ from UTC ones.
		const start = Date.UTC(2026, 2, 2);
		for (const [c, [channelId, zone]] of Object.entries(zones).entries()) {
			for (let q = 0; q < 30; q++) {
				// A quiz's answers in flight together, as a channel's clicks arrive (one commit for them).
				const learners = Array.from({ length: 40 }, (_, u) => u).filter((u) => (u * 7 + q * 3 + c) % 5 !== 0);
				await Promise.all(
					learners.map((u) => {
						const answeredAt = new Date(start + (q * (7 * 86_400_000)) / 3 + ((u * 37 + q * 11) % 48) * 1_800_000 + u * 1000);
						return store.recordAnswer({
							channelId,
							quizId: `quiz-${q}`,
							userId: `${channelId.slice(0, channelId.lastIndexOf(":"))}:U${u}`,
							questionId: `ep${1 + (q % 10)}-q${q % 4}`,
							episode: 1 + (q % 10),
							choice: "b",
							correct: (u + q) % 3 !== 0,
							answeredAt,
							day: calendarDay(answeredAt, zone),
						});
					}),
				);
			}
		}
	});
	afterAll(async () => {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	});

	const fourWeeks = { from: new Date("2026-03-16T00:00:00Z"), to: new Date("2026-04-13T00:00:00Z") };

	it("agrees with reading the answers through the port and counting them, per channel and per workspace", async () => {
		for (const channelId of Object.keys(zones)) {
			const figures = await store.participation({ channelId }, fourWeeks);
			expect(figures).toEqual(await participationByScan(store, [channelId], fourWeeks));
			expect(figures.weeks.length).toBeGreaterThanOrEqual(4);
		}
		const workspace = await store.participation({ workspaceId: "slack:T1" }, fourWeeks);
		expect(workspace).toEqual(await participationByScan(store, ["slack:T1:C1", "slack:T1:C2"], fourWeeks));
		expect(workspace.learners).toHaveLength(40);
		expect(await store.participation({ workspaceId: "slack:T" }, fourWeeks)).toEqual({ weeks: [], learners: [], questions: [] });
	});

	it("puts an answer in the week of its channel's own Monday, and leaves out one at the end of the range", async () => {
		const at = new Date("2026-04-19T22:30:00Z"); // Sunday in UTC, Monday 20 April 00:30 in Berlin
		const late = { channelId: "slack:T1:C9", quizId: "w", userId: "slack:T1:U1", questionId: "q", episode: 1, choice: "a", correct: true };
		await store.recordAnswer({ ...late, answeredAt: at, day: calendarDay(at, "Europe/Berlin") });
		await store.recordAnswer({ ...late, quizId: "edge", answeredAt: new Date("2026-04-27T00:00:00Z"), day: "2026-04-27" });
		const figures = await store.participation(
			{ channelId: "slack:T1:C9" },
			{ from: new Date("2026-04-13T00:00:00Z"), to: new Date("2026-04-27T00:00:00Z") },
		);
		expect(figures.weeks).toEqual([{ week: "2026-04-20", learners: 1, answers: 1, correct: 1, quizzesAnswered: 1 }]);
	});
});

describe("SQLite schema 2 (a card's review tally)", () => {
	it("opens a schema-1 database and reads its cards without a tally, then keeps one", async () => {
		const dir = await mkdtemp(join(tmpdir(), "kubecoach-migrate-"));
		try {
			const db = new (loadSqlite().DatabaseSync)(join(dir, DATABASE_FILE));
			db.exec(MIGRATIONS[0]?.sql ?? "");
			db.exec("PRAGMA user_version = 1");
			const card = createEmptyCard(new Date("2026-01-05T09:00:00Z"));
			db.prepare("INSERT INTO cards (user_id, question_id, due, card) VALUES (?, ?, ?, ?)").run(
				"slack:T1:U1",
				"q1",
				card.due.getTime(),
				encodeJson(card),
			);
			db.close();
			const store = await openSqliteStore({ dir });
			expect(await store.getCard("slack:T1:U1", "q1")).toEqual({ userId: "slack:T1:U1", questionId: "q1", card });
			await store.saveCard({ userId: "slack:T1:U1", questionId: "q1", card, reviews: { answered: 1, right: 1 } });
			expect((await store.getCard("slack:T1:U1", "q1"))?.reviews).toEqual({ answered: 1, right: 1 });
			await store.close();
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

describe("SQLite schema 4 (pending drops)", () => {
	it("opens a schema-3 database and reads its channels without a pending drop, then keeps one", async () => {
		const dir = await mkdtemp(join(tmpdir(), "kubecoach-migrate-"));
		try {
			const db = new (loadSqlite().DatabaseSync)(join(dir, DATABASE_FILE));
			for (const migration of MIGRATIONS.filter((m) => m.version <= 3)) db.exec(migration.sql);
			db.exec("PRAGMA user_version = 3");
			db.prepare(
				`INSERT INTO channels (channel_id, course_id, next_episode, schedule, time_zone, paused, admins, last_drop_at, schedule_from)
				 VALUES ('slack:T1:C1', 'k', 2, '0 9 * * 1', 'UTC', 0, '[]', 1000, 0)`,
			).run();
			db.close();
			const store = await openSqliteStore({ dir });
			const channel = await store.getChannel("slack:T1:C1");
			expect(channel).toMatchObject({ nextEpisode: 2, lastDropAt: new Date(1000), pendingDrop: null });
			const at = new Date("2026-01-05T09:00:00Z");
			expect(await store.recordDrop("slack:T1:C1", 2, at, { pending: { leaseMs: 60_000, dueAt: null } })).toBe(true);
			expect((await store.getChannel("slack:T1:C1"))?.pendingDrop).toEqual({
				episode: 2,
				droppedAt: at,
				dueAt: null,
				leaseUntil: new Date(at.getTime() + 60_000),
			});
			await store.close();
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
