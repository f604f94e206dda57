/**
 * The Store contract: one suite that every implementation runs (memory fake, SQLite, Redis), and
 * that deliberately broken fakes must fail (store.broken.test.ts).
 * `makeStore` returns a fresh, empty store for each test; `teardown` closes it and removes what
 * it wrote. Fixed dates only, so results never depend on when the suite runs.
 */
import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { expect } from "vitest";
import type { LearnerCard, Store } from "../../src/ports/store.ts";
import { calendarDay } from "../../src/ports/store.ts";
import { answer, at, CH, channel, OTHER_CH, quiz } from "./store-fixtures.ts";
import { type SuiteApi, vitestSuite } from "./suite-api.ts";

export { answer, channel, quiz } from "./store-fixtures.ts";

export interface StoreContractOptions {
	readonly name: string;
	readonly makeStore: () => Promise<Store>;
	readonly teardown: (store: Store) => Promise<void>;
}

/** A scheduled post's opening in the fixtures, and a one-minute claim lease from `from`. */
const OPENS = at("2026-01-06T09:00:00Z");
const lease = (from: Date) => ({ at: from, ms: 60_000 });

/** `api`: where the cases go (vitest unless a broken fake collects them, see suite-api.ts). */
export function storeContract({ name, makeStore, teardown }: StoreContractOptions, api: SuiteApi = vitestSuite): void {
	api.describe(`Store contract: ${name}`, () => {
		let store: Store;
		api.beforeEach(async () => {
			store = await makeStore();
		});
		api.afterEach(async () => {
			await teardown(store);
		});

		api.describe("channels", () => {
			api.it("returns null for a channel that follows no course, then what was saved", async () => {
				expect(await store.getChannel(CH)).toBeNull();
				await store.saveChannel(channel({ lastDropAt: at("2026-01-05T08:00:00Z") }));
				expect(await store.getChannel(CH)).toEqual(channel({ lastDropAt: at("2026-01-05T08:00:00Z") }));
			});

			api.it("replaces settings on save and lists every channel once", async () => {
				await store.saveChannel(channel());
				await store.saveChannel(channel({ schedule: "0 10 * * 2", admins: [] }));
				await store.saveChannel(channel({ channelId: OTHER_CH, timeZone: "Asia/Tokyo" }));
				const listed = (await store.listChannels()).sort((a, b) => a.channelId.localeCompare(b.channelId));
				expect(listed).toEqual([channel({ channelId: OTHER_CH, timeZone: "Asia/Tokyo" }), channel({ schedule: "0 10 * * 2", admins: [] })]);
			});

			api.it("updates only the given fields and returns the result; null for an unknown channel", async () => {
				await store.saveChannel(channel());
				const patch = { paused: true, admins: ["slack:T1:U1", "slack:T1:U2"], scheduleFrom: at("2026-02-02T10:00:00Z") };
				const updated = await store.updateChannel(CH, patch);
				const expected = channel(patch);
				expect(updated).toEqual(expected);
				expect(await store.getChannel(CH)).toEqual(expected);
				expect(await store.updateChannel(OTHER_CH, { paused: true })).toBeNull();
				expect(await store.getChannel(OTHER_CH)).toBeNull();
			});

			api.it("records a drop once: the episode advances and lastDropAt is set", async () => {
				await store.saveChannel(channel());
				expect(await store.recordDrop(CH, 1, at("2026-01-05T08:00:00Z"))).toBe(true);
				expect(await store.recordDrop(CH, 1, at("2026-01-05T08:00:01Z"))).toBe(false);
				expect(await store.getChannel(CH)).toEqual(channel({ nextEpisode: 2, lastDropAt: at("2026-01-05T08:00:00Z") }));
				expect(await store.recordDrop(OTHER_CH, 1, at("2026-01-05T08:00:00Z"))).toBe(false);
			});

			api.it("refuses a scheduled drop in a paused channel but lets an admin's drop through", async () => {
				await store.saveChannel(channel({ paused: true }));
				expect(await store.recordDrop(CH, 1, at("2026-01-05T08:00:00Z"), { onlyIfActive: true })).toBe(false);
				expect((await store.getChannel(CH))?.nextEpisode).toBe(1);
				expect(await store.recordDrop(CH, 1, at("2026-01-05T08:00:00Z"))).toBe(true);
				expect((await store.getChannel(CH))?.nextEpisode).toBe(2);
			});

			api.it("undoes a drop only while the channel still shows it, and keeps other settings", async () => {
				const first = at("2026-01-05T08:00:00Z");
				const second = at("2026-01-12T08:00:00Z");
				await store.saveChannel(channel({ nextEpisode: 2, lastDropAt: first }));
				expect(await store.recordDrop(CH, 2, second)).toBe(true);
				await store.updateChannel(CH, { paused: true });
				expect(await store.undoDrop(CH, 2, at("2026-01-12T08:00:01Z"), first)).toBe(false);
				expect(await store.undoDrop(CH, 2, second, first)).toBe(true);
				expect(await store.getChannel(CH)).toEqual(channel({ nextEpisode: 2, lastDropAt: first, paused: true }));
				expect(await store.undoDrop(CH, 2, second, first)).toBe(false);
				expect(await store.undoDrop(OTHER_CH, 2, second, first)).toBe(false);
				await store.saveChannel(channel({ nextEpisode: 2, lastDropAt: null }));
				expect(await store.recordDrop(CH, 2, second)).toBe(true);
				expect(await store.undoDrop(CH, 2, second, null)).toBe(true);
				expect((await store.getChannel(CH))?.lastDropAt).toBeNull();
			});

			api.it("lets exactly one of many concurrent drops of the same episode win", async () => {
				await store.saveChannel(channel({ nextEpisode: 3 }));
				const wins = await Promise.all(Array.from({ length: 20 }, () => store.recordDrop(CH, 3, at("2026-01-05T08:00:00Z"))));
				expect(wins.filter(Boolean)).toHaveLength(1);
				expect((await store.getChannel(CH))?.nextEpisode).toBe(4);
			});
		});

		api.describe("pending drops", () => {
			const DROP = at("2026-01-05T08:00:30Z");
			const SLOT = at("2026-01-05T08:00:00Z");
			const toPost = { pending: { leaseMs: 60_000, dueAt: SLOT } };

			api.it("keeps a drop to post pending, through other changes, until its post is settled", async () => {
				await store.saveChannel(channel());
				expect(await store.recordDrop(CH, 1, DROP, toPost)).toBe(true);
				const pendingDrop = { episode: 1, droppedAt: DROP, dueAt: SLOT, leaseUntil: at("2026-01-05T08:01:30Z") };
				expect(await store.getChannel(CH)).toEqual(channel({ nextEpisode: 2, lastDropAt: DROP, pendingDrop }));
				expect(await store.updateChannel(CH, { paused: true })).toEqual(
					channel({ nextEpisode: 2, lastDropAt: DROP, pendingDrop, paused: true }),
				);
				expect((await store.listChannels())[0]?.pendingDrop).toEqual(pendingDrop);
				expect(await store.settleDrop(CH, 1, at("2026-01-05T08:00:31Z"))).toBe(false);
				expect(await store.settleDrop(CH, 2, DROP)).toBe(false);
				expect(await store.settleDrop(CH, 1, DROP)).toBe(true);
				expect(await store.getChannel(CH)).toEqual(channel({ nextEpisode: 2, lastDropAt: DROP, paused: true }));
				expect(await store.settleDrop(CH, 1, DROP)).toBe(false);
				expect(await store.settleDrop(OTHER_CH, 1, DROP)).toBe(false);
			});

			api.it("offers a pending drop whose lease ended unsettled to exactly one taker", async () => {
				await store.saveChannel(channel({ nextEpisode: 2 }));
				expect(await store.recordDrop(CH, 2, DROP, toPost)).toBe(true);
				expect(await store.claimDropTakeover(CH, 2, DROP, lease(at("2026-01-05T08:01:29.999Z")))).toBe(false);
				const end = at("2026-01-05T08:01:30Z");
				expect(await store.claimDropTakeover(CH, 1, DROP, lease(end))).toBe(false);
				expect(await store.claimDropTakeover(CH, 2, SLOT, lease(end))).toBe(false);
				expect(await store.claimDropTakeover(OTHER_CH, 2, DROP, lease(end))).toBe(false);
				const takers = await Promise.all(Array.from({ length: 20 }, () => store.claimDropTakeover(CH, 2, DROP, lease(end))));
				expect(takers.filter(Boolean)).toHaveLength(1);
				// The taker holds a new lease, which can end unsettled too; nothing else changed.
				const pendingDrop = { episode: 2, droppedAt: DROP, dueAt: SLOT, leaseUntil: at("2026-01-05T08:02:30Z") };
				expect(await store.getChannel(CH)).toEqual(channel({ nextEpisode: 3, lastDropAt: DROP, pendingDrop }));
				expect(await store.claimDropTakeover(CH, 2, DROP, lease(at("2026-01-05T08:02:29Z")))).toBe(false);
				expect(await store.claimDropTakeover(CH, 2, DROP, lease(at("2026-01-05T08:02:30Z")))).toBe(true);
			});

			api.it("never takes over a drop whose post was settled", async () => {
				await store.saveChannel(channel());
				expect(await store.recordDrop(CH, 1, DROP, toPost)).toBe(true);
				expect(await store.settleDrop(CH, 1, DROP)).toBe(true);
				expect(await store.claimDropTakeover(CH, 1, DROP, lease(at("2026-01-06T00:00:00Z")))).toBe(false);
				expect((await store.getChannel(CH))?.pendingDrop).toBeNull();
			});

			api.it("loses a pending drop to an undo or a restart, not to a skip of the next episode", async () => {
				const first = at("2026-01-01T08:00:00Z");
				const now = { pending: { leaseMs: 60_000, dueAt: null } };
				await store.saveChannel(channel({ nextEpisode: 2, lastDropAt: first }));
				expect(await store.recordDrop(CH, 2, DROP, now)).toBe(true);
				expect(await store.undoDrop(CH, 2, DROP, first)).toBe(true);
				expect(await store.getChannel(CH)).toEqual(channel({ nextEpisode: 2, lastDropAt: first }));
				expect(await store.claimDropTakeover(CH, 2, DROP, lease(at("2026-01-06T00:00:00Z")))).toBe(false);
				// A skip records the next episode without a lease: the earlier drop stays pending.
				expect(await store.recordDrop(CH, 2, DROP, now)).toBe(true);
				expect(await store.recordDrop(CH, 3, DROP)).toBe(true);
				const pendingDrop = { episode: 2, droppedAt: DROP, dueAt: null, leaseUntil: at("2026-01-05T08:01:30Z") };
				expect(await store.getChannel(CH)).toEqual(channel({ nextEpisode: 4, lastDropAt: DROP, pendingDrop }));
				// A restart saves the settings anew.
				await store.saveChannel(channel());
				expect(await store.getChannel(CH)).toEqual(channel());
				expect(await store.claimDropTakeover(CH, 2, DROP, lease(at("2026-01-06T00:00:00Z")))).toBe(false);
			});
		});

		api.describe("quiz posts", () => {
			api.it("returns null for an unknown post, then the saved one; saving again replaces it", async () => {
				expect(await store.getQuizPost(CH, "a")).toBeNull();
				await store.saveQuizPost(quiz("a"));
				expect(await store.getQuizPost(CH, "a")).toEqual(quiz("a"));
				await store.saveQuizPost(quiz("a", { messageRef: "slack:C1:1700000000.1" }));
				expect(await store.getQuizPost(CH, "a")).toEqual(quiz("a", { messageRef: "slack:C1:1700000000.1" }));
				expect(await store.getQuizPost(OTHER_CH, "a")).toBeNull();
			});

			api.it("reads a post with its channel's settings as they are now: a revealed quiz closed, the zone changed", async () => {
				expect(await store.getQuizPostAndChannel(CH, "a")).toEqual({ post: null, channel: null });
				await store.saveQuizPost(quiz("a"));
				expect(await store.getQuizPostAndChannel(CH, "a")).toEqual({ post: quiz("a"), channel: null });
				await store.saveChannel(channel());
				await store.updateChannel(CH, { timeZone: "Asia/Tokyo" });
				expect(await store.markQuizRevealed(CH, "a", at("2026-01-06T10:00:00Z"))).toBe(true);
				expect(await store.getQuizPostAndChannel(CH, "a")).toEqual({
					post: quiz("a", { revealedAt: at("2026-01-06T10:00:00Z") }),
					channel: channel({ timeZone: "Asia/Tokyo" }),
				});
				expect(await store.getQuizPostAndChannel(CH, "b")).toEqual({ post: null, channel: channel({ timeZone: "Asia/Tokyo" }) });
				expect(await store.getQuizPostAndChannel(OTHER_CH, "a")).toEqual({ post: null, channel: null });
			});

			api.it("lists a channel's posts opened in a half-open range, oldest first", async () => {
				await store.saveQuizPost(quiz("late", { opensAt: at("2026-01-08T09:00:00Z") }));
				await store.saveQuizPost(quiz("early", { opensAt: at("2026-01-06T09:00:00Z") }));
				await store.saveQuizPost(quiz("edge", { opensAt: at("2026-01-09T00:00:00Z") }));
				await store.saveQuizPost(quiz("elsewhere", { channelId: OTHER_CH }));
				const range = { from: at("2026-01-06T09:00:00Z"), to: at("2026-01-09T00:00:00Z") };
				expect((await store.listQuizPosts(CH, range)).map((p) => p.id)).toEqual(["early", "late"]);
			});

			api.it("lists unrevealed posts closing by a time, across channels, earliest first, with a limit", async () => {
				await store.saveQuizPost(quiz("b", { closesAt: at("2026-01-06T12:00:00Z") }));
				await store.saveQuizPost(quiz("a", { channelId: OTHER_CH, closesAt: at("2026-01-06T11:00:00Z") }));
				await store.saveQuizPost(quiz("c", { closesAt: at("2026-01-06T13:00:00Z") }));
				await store.saveQuizPost(quiz("future", { closesAt: at("2026-01-07T13:00:00Z") }));
				await store.saveQuizPost(quiz("done", { closesAt: at("2026-01-06T10:00:00Z"), revealedAt: at("2026-01-06T10:00:00Z") }));
				const due = await store.listQuizPostsClosingBy(at("2026-01-06T13:00:00Z"), 10);
				expect(due.map((p) => `${p.channelId}/${p.id}`)).toEqual([`${OTHER_CH}/a`, `${CH}/b`, `${CH}/c`]);
				expect((await store.listQuizPostsClosingBy(at("2026-01-06T13:00:00Z"), 2)).map((p) => p.id)).toEqual(["a", "b"]);
			});

			api.it("lists scheduled posts opening by a time, across channels, earliest first, with a limit", async () => {
				await store.scheduleQuizPost(quiz("b", { opensAt: at("2026-01-06T09:00:00Z") }));
				await store.scheduleQuizPost(quiz("a", { channelId: OTHER_CH, opensAt: at("2026-01-06T08:00:00Z") }));
				await store.scheduleQuizPost(quiz("c", { opensAt: at("2026-01-06T10:00:00Z") }));
				await store.scheduleQuizPost(quiz("later", { opensAt: at("2026-01-07T10:00:00Z") }));
				await store.saveQuizPost(quiz("posted-now", { opensAt: at("2026-01-06T07:00:00Z") }));
				const due = await store.listQuizPostsOpeningBy(at("2026-01-06T10:00:00Z"), 10);
				expect(due.map((p) => `${p.channelId}/${p.id}`)).toEqual([`${OTHER_CH}/a`, `${CH}/b`, `${CH}/c`]);
				expect((await store.listQuizPostsOpeningBy(at("2026-01-06T10:00:00Z"), 2)).map((p) => p.id)).toEqual(["a", "b"]);
				// A scheduled post is a quiz post like any other: readable, and due for reveal at closesAt.
				expect(await store.getQuizPost(CH, "b")).toEqual(quiz("b", { opensAt: at("2026-01-06T09:00:00Z") }));
				expect((await store.listQuizPostsClosingBy(at("2026-01-06T17:00:00Z"), 10)).map((p) => p.id)).toContain("b");
			});

			api.it("lets exactly one of many concurrent callers claim a scheduled post; once posted, never again", async () => {
				await store.scheduleQuizPost(quiz("a"));
				const wins = await Promise.all(Array.from({ length: 20 }, () => store.claimQuizPost(CH, "a", lease(OPENS))));
				expect(wins.filter(Boolean)).toEqual(["first"]);
				expect(await store.listQuizPostsOpeningBy(at("2026-01-06T09:00:59Z"), 10)).toEqual([]);
				// Saving it with its messageRef settles it: its lease ends, and it is never offered or claimed again.
				await store.saveQuizPost(quiz("a", { messageRef: "slack:C1:1" }));
				await store.scheduleQuizPost(quiz("a", { messageRef: "slack:C1:1" }));
				expect(await store.listQuizPostsOpeningBy(at("2026-01-07T00:00:00Z"), 10)).toEqual([]);
				expect(await store.claimQuizPost(CH, "a", lease(at("2026-01-07T00:00:00Z")))).toBe(false);
				expect(await store.getQuizPost(CH, "a")).toEqual(quiz("a", { messageRef: "slack:C1:1" }));
				// Only scheduled posts can be claimed.
				await store.saveQuizPost(quiz("now"));
				expect(await store.claimQuizPost(CH, "now", lease(OPENS))).toBe(false);
				expect(await store.claimQuizPost(CH, "missing", lease(OPENS))).toBe(false);
			});

			api.it("offers a claim whose lease ended unsettled again, to exactly one taker", async () => {
				await store.scheduleQuizPost(quiz("a"));
				await store.scheduleQuizPost(quiz("b", { opensAt: at("2026-01-06T09:00:30Z") }));
				expect(await store.claimQuizPost(CH, "a", lease(OPENS))).toBe("first");
				const beforeEnd = at("2026-01-06T09:00:59.999Z");
				expect((await store.listQuizPostsOpeningBy(beforeEnd, 10)).map((p) => p.id)).toEqual(["b"]);
				expect(await store.claimQuizPost(CH, "a", lease(beforeEnd))).toBe(false);
				// Its claimer died before posting: once the lease ends it is due again, from the lease's end.
				const end = at("2026-01-06T09:01:00Z");
				expect(await store.listQuizPostsOpeningBy(end, 10)).toEqual([quiz("b", { opensAt: at("2026-01-06T09:00:30Z") }), quiz("a")]);
				expect((await store.listQuizPostsOpeningBy(end, 1)).map((p) => p.id)).toEqual(["b"]);
				const takers = await Promise.all(Array.from({ length: 20 }, () => store.claimQuizPost(CH, "a", lease(end))));
				expect(takers.filter(Boolean)).toEqual(["takeover"]);
				// The taker holds a new lease, which can end unsettled too.
				expect((await store.listQuizPostsOpeningBy(at("2026-01-06T09:01:59Z"), 10)).map((p) => p.id)).toEqual(["b"]);
				expect((await store.listQuizPostsOpeningBy(at("2026-01-06T09:02:00Z"), 10)).map((p) => p.id)).toEqual(["b", "a"]);
			});

			api.it("never takes over a claim whose post was revealed or retired", async () => {
				await store.scheduleQuizPost(quiz("a"));
				expect(await store.claimQuizPost(CH, "a", lease(OPENS))).toBe("first");
				expect(await store.markQuizRevealed(CH, "a", at("2026-01-06T09:00:10Z"))).toBe(true);
				expect(await store.listQuizPostsOpeningBy(at("2026-01-07T00:00:00Z"), 10)).toEqual([]);
				expect(await store.claimQuizPost(CH, "a", lease(at("2026-01-07T00:00:00Z")))).toBe(false);
			});

			api.it("marks a post revealed for exactly one of many concurrent callers", async () => {
				await store.saveQuizPost(quiz("a"));
				const revealAt = at("2026-01-06T17:00:05Z");
				const wins = await Promise.all(Array.from({ length: 20 }, () => store.markQuizRevealed(CH, "a", revealAt)));
				expect(wins.filter(Boolean)).toHaveLength(1);
				expect(await store.getQuizPost(CH, "a")).toEqual(quiz("a", { revealedAt: revealAt }));
				expect(await store.listQuizPostsClosingBy(at("2026-01-07T00:00:00Z"), 10)).toEqual([]);
				expect(await store.markQuizRevealed(CH, "missing", revealAt)).toBe(false);
			});
		});

		api.describe("answers", () => {
			api.it("records the first answer and refuses a second one, returning the first", async () => {
				const first = answer("a", "slack:T1:U1", "2026-01-06T10:00:00Z");
				expect(await store.recordAnswer(first)).toEqual({ status: "recorded", answer: first });
				const second = answer("a", "slack:T1:U1", "2026-01-06T10:00:02Z", { choice: "c", correct: false });
				expect(await store.recordAnswer(second)).toEqual({ status: "already-answered", answer: first });
				expect(await store.listQuizAnswers(CH, "a")).toEqual([first]);
			});

			api.it("records each of 50 users' concurrent double-clicks exactly once", async () => {
				const users = Array.from({ length: 50 }, (_, i) => `slack:T1:U${i}`);
				const clicks = users.flatMap((user, i) => [
					answer("a", user, `2026-01-06T10:00:${String(i % 60).padStart(2, "0")}Z`, { choice: "b" }),
					answer("a", user, `2026-01-06T10:00:${String(i % 60).padStart(2, "0")}Z`, { choice: "d", correct: false }),
				]);
				const results = await Promise.all(clicks.map((click) => store.recordAnswer(click)));
				expect(results.filter((r) => r.status === "recorded")).toHaveLength(50);
				expect(results.filter((r) => r.status === "already-answered")).toHaveLength(50);
				const stored = await store.listQuizAnswers(CH, "a");
				expect(new Set(stored.map((a) => a.userId))).toEqual(new Set(users));
				for (const user of users) {
					const mine = results.filter((r) => r.answer.userId === user);
					// Both clicks report the same, stored answer: the one that won.
					expect(mine[0]?.answer).toEqual(mine[1]?.answer);
					expect(stored.find((a) => a.userId === user)).toEqual(mine[0]?.answer);
				}
				const streaks = await store.listStreaks(CH);
				expect(streaks).toHaveLength(50);
				expect(streaks.every((s) => s.current === 1)).toBe(true);
			});

			api.it("lists a quiz's answers by time, per quiz and channel", async () => {
				const late = answer("a", "slack:T1:U2", "2026-01-06T11:00:00Z");
				const early = answer("a", "slack:T1:U1", "2026-01-06T10:00:00Z");
				await store.recordAnswer(late);
				await store.recordAnswer(early);
				await store.recordAnswer(answer("b", "slack:T1:U1", "2026-01-06T10:30:00Z"));
				await store.recordAnswer(answer("a", "discord:G9:U1", "2026-01-06T10:30:00Z", { channelId: OTHER_CH }));
				expect(await store.listQuizAnswers(CH, "a")).toEqual([early, late]);
				expect(await store.listQuizAnswers(CH, "none")).toEqual([]);
			});

			api.it("counts a quiz's learners, each once, per quiz and channel", async () => {
				await store.recordAnswer(answer("a", "slack:T1:U1", "2026-01-06T10:00:00Z"));
				await store.recordAnswer(answer("a", "slack:T1:U1", "2026-01-06T10:00:01Z", { choice: "c", correct: false }));
				await store.recordAnswer(answer("a", "slack:T1:U2", "2026-01-06T10:00:02Z"));
				await store.recordAnswer(answer("b", "slack:T1:U3", "2026-01-06T10:00:03Z"));
				await store.recordAnswer(answer("a", "discord:G9:U4", "2026-01-06T10:00:04Z", { channelId: OTHER_CH }));
				expect(await store.countQuizAnswers(CH, "a")).toBe(2);
				expect(await store.countQuizAnswers(CH, "b")).toBe(1);
				expect(await store.countQuizAnswers(OTHER_CH, "a")).toBe(1);
				expect(await store.countQuizAnswers(CH, "none")).toBe(0);
			});

			api.it("answers the participation queries per channel and per user over a half-open range", async () => {
				const u1 = "slack:T1:U1";
				const u2 = "slack:T1:U2";
				const recorded = [
					answer("q1", u1, "2026-01-05T09:30:00Z"),
					answer("q1", u2, "2026-01-05T09:45:00Z", { correct: false }),
					answer("q2", u1, "2026-01-06T09:30:00Z"),
					answer("q3", u2, "2026-01-07T23:59:59Z"),
					answer("q4", u1, "2026-01-08T00:00:00Z"),
					answer("q1", "discord:G9:U1", "2026-01-06T09:30:00Z", { channelId: OTHER_CH }),
				];
				// Out of time order on purpose: the index orders them.
				for (const a of [...recorded].reverse()) await store.recordAnswer(a);
				const range = { from: at("2026-01-05T09:30:00Z"), to: at("2026-01-08T00:00:00Z") };
				const inChannel = await store.listAnswers({ channelId: CH, range });
				expect(inChannel).toEqual(recorded.slice(0, 4));
				expect(await store.listAnswers({ channelId: CH, range, userId: u1 })).toEqual([recorded[0], recorded[2]]);
				expect(await store.listAnswers({ channelId: CH, range, userId: "slack:T1:nobody" })).toEqual([]);
				const narrow = { from: at("2026-01-06T00:00:00Z"), to: at("2026-01-07T00:00:00Z") };
				expect(await store.listAnswers({ channelId: CH, range: narrow })).toEqual([recorded[2]]);
			});
		});

		api.describe("participation", () => {
			api.it("counts a channel's or a workspace's answers per week, learner and question over a half-open range", async () => {
				const u1 = "slack:T1:U1";
				const u2 = "slack:T1:U2";
				const c2 = "slack:T1:C2";
				// 23:30 UTC on Sunday 18 Jan is Monday 19 Jan in Berlin: the week of the answer's own day.
				const sundayUtc = "2026-01-18T23:30:00Z";
				await store.recordAnswer(answer("q1", u1, "2026-01-12T09:00:00Z"));
				await store.recordAnswer(answer("q1", u2, "2026-01-12T10:00:00Z", { correct: false }));
				await store.recordAnswer(
					answer("q2", u1, sundayUtc, { day: calendarDay(at(sundayUtc), "Europe/Berlin"), episode: 3, questionId: "q-q1" }),
				);
				await store.recordAnswer(answer("q1", u1, "2026-01-13T09:00:00Z", { channelId: c2 }));
				await store.recordAnswer(answer("q9", u1, "2026-01-26T00:00:00Z")); // the end of the range: left out
				await store.recordAnswer(answer("q1", "slack:T10:U1", "2026-01-13T09:00:00Z", { channelId: "slack:T10:C1" }));
				await store.recordAnswer(answer("q1", "discord:G9:U1", "2026-01-13T09:00:00Z", { channelId: OTHER_CH }));
				const range = { from: at("2026-01-12T00:00:00Z"), to: at("2026-01-26T00:00:00Z") };
				expect(await store.participation({ channelId: CH }, range)).toEqual({
					weeks: [
						{ week: "2026-01-12", learners: 2, answers: 2, correct: 1, quizzesAnswered: 1 },
						{ week: "2026-01-19", learners: 1, answers: 1, correct: 1, quizzesAnswered: 1 },
					],
					learners: [
						{ userId: u1, answers: 2, correct: 2, lastAnsweredAt: at(sundayUtc) },
						{ userId: u2, answers: 1, correct: 0, lastAnsweredAt: at("2026-01-12T10:00:00Z") },
					],
					questions: [{ questionId: "q-q1", episode: 2, answers: 3, correct: 2 }],
				});
				const workspace = await store.participation({ workspaceId: "slack:T1" }, range);
				expect(workspace.weeks[0]).toEqual({ week: "2026-01-12", learners: 2, answers: 3, correct: 2, quizzesAnswered: 2 });
				expect(workspace.learners.map((l) => [l.userId, l.answers])).toEqual([
					[u1, 3],
					[u2, 1],
				]);
				expect(await store.participation({ workspaceId: "slack:T" }, range)).toEqual({ weeks: [], learners: [], questions: [] });
				expect(await store.participation({ channelId: "slack:T1:none" }, range)).toEqual({ weeks: [], learners: [], questions: [] });
			});
		});

		api.describe("streaks", () => {
			const u = "slack:T1:U1";
			const on = (day: string, quizId: string) => store.recordAnswer(answer(quizId, u, `${day}T12:00:00Z`));

			api.it("is null before the first answer, then counts consecutive days and resets after a gap", async () => {
				expect(await store.getStreak(CH, u)).toBeNull();
				await on("2026-02-27", "a");
				expect(await store.getStreak(CH, u)).toEqual({ channelId: CH, userId: u, current: 1, longest: 1, lastActiveDay: "2026-02-27" });
				await on("2026-02-27", "b"); // same day: no change
				await on("2026-02-28", "c");
				await on("2026-03-01", "d"); // across the month end
				expect(await store.getStreak(CH, u)).toEqual({ channelId: CH, userId: u, current: 3, longest: 3, lastActiveDay: "2026-03-01" });
				await on("2026-03-03", "e"); // a day missed
				expect(await store.getStreak(CH, u)).toEqual({ channelId: CH, userId: u, current: 1, longest: 3, lastActiveDay: "2026-03-03" });
				await on("2026-03-02", "f"); // a late answer for an earlier day rewrites nothing
				await on("2026-03-04", "g");
				expect(await store.getStreak(CH, u)).toEqual({ channelId: CH, userId: u, current: 2, longest: 3, lastActiveDay: "2026-03-04" });
			});

			api.it("counts days as the caller's Answer.day (the channel's time zone), not the UTC date", async () => {
				// 23:30 UTC on Jan 5 is already Jan 6 in Tokyo; the next evening in UTC is Jan 7 there.
				const tokyo = (iso: string, quizId: string) =>
					store.recordAnswer(answer(quizId, u, iso, { day: calendarDay(at(iso), "Asia/Tokyo") }));
				await tokyo("2026-01-05T23:30:00Z", "a");
				await tokyo("2026-01-06T23:30:00Z", "b");
				expect(await store.getStreak(CH, u)).toMatchObject({ current: 2, lastActiveDay: "2026-01-07" });
			});

			api.it("is not changed by a refused second click, and is kept per channel", async () => {
				await on("2026-01-05", "a");
				await store.recordAnswer(answer("a", u, "2026-01-06T12:00:00Z"));
				expect(await store.getStreak(CH, u)).toMatchObject({ current: 1, lastActiveDay: "2026-01-05" });
				await store.recordAnswer(answer("x", u, "2026-01-06T12:00:00Z", { channelId: OTHER_CH }));
				expect(await store.getStreak(OTHER_CH, u)).toMatchObject({ current: 1, lastActiveDay: "2026-01-06" });
				expect(await store.listStreaks(CH)).toEqual([{ channelId: CH, userId: u, current: 1, longest: 1, lastActiveDay: "2026-01-05" }]);
				expect(await store.listStreaks("slack:T1:empty")).toEqual([]);
			});
		});

		api.describe("learner cards", () => {
			const u = "slack:T1:U1";
			const scheduler = fsrs({ enable_fuzz: false });

			api.it("round-trips a new and a reviewed ts-fsrs card, dates included", async () => {
				expect(await store.getCard(u, "q1")).toBeNull();
				const fresh: LearnerCard = { userId: u, questionId: "q1", card: createEmptyCard(at("2026-01-05T09:00:00Z")) };
				await store.saveCard(fresh);
				expect(await store.getCard(u, "q1")).toEqual(fresh);
				const reviewed = scheduler.next(fresh.card, at("2026-01-05T09:05:00Z"), Rating.Good).card;
				expect(reviewed.last_review).toBeInstanceOf(Date);
				await store.saveCard({ userId: u, questionId: "q1", card: reviewed });
				const back = await store.getCard(u, "q1");
				expect(back).toEqual({ userId: u, questionId: "q1", card: reviewed });
				expect(back?.card.due).toBeInstanceOf(Date);
				expect(back?.card.last_review?.getTime()).toBe(at("2026-01-05T09:05:00Z").getTime());
				// What comes back can be scheduled again.
				expect(() => scheduler.next(back?.card ?? fresh.card, at("2026-01-08T09:00:00Z"), Rating.Easy)).not.toThrow();
			});

			api.it("keeps a card's personal review tally with the card", async () => {
				const reviewed: LearnerCard = {
					userId: u,
					questionId: "q1",
					card: createEmptyCard(at("2026-01-05T09:00:00Z")),
					reviews: { answered: 2, right: 1 },
				};
				await store.saveCard(reviewed);
				expect(await store.getCard(u, "q1")).toEqual(reviewed);
				expect(await store.listDueCards(u, at("2026-01-06T00:00:00Z"), 10)).toEqual([reviewed]);
				await store.saveCard({ ...reviewed, reviews: { answered: 3, right: 2 } });
				expect((await store.getCard(u, "q1"))?.reviews).toEqual({ answered: 3, right: 2 });
			});

			api.it("adds a card only where the learner has none: answering a question again keeps their progress", async () => {
				const first: LearnerCard = { userId: u, questionId: "q1", card: createEmptyCard(at("2026-01-05T09:00:00Z")) };
				expect(await store.addCard(first)).toBeNull();
				expect(await store.getCard(u, "q1")).toEqual(first);
				// Added like a save: due, and its learner due, from the card's due time.
				expect(await store.listDueCards(u, at("2026-01-05T09:00:00Z"), 10)).toEqual([first]);
				expect(await store.listLearnersWithDueCards(at("2026-01-05T09:00:00Z"), 10)).toEqual([u]);
				const reviewed: LearnerCard = {
					...first,
					card: scheduler.next(first.card, at("2026-01-05T09:05:00Z"), Rating.Good).card,
					reviews: { answered: 1, right: 1 },
				};
				await store.saveCard(reviewed);
				// A new card due before the reviewed one, refused: the learner is not due any earlier.
				const beforeDue = new Date(reviewed.card.due.getTime() - 60_000);
				expect(beforeDue.getTime()).toBeGreaterThan(at("2026-01-05T09:05:00Z").getTime());
				const again: LearnerCard = { userId: u, questionId: "q1", card: createEmptyCard(at("2026-01-05T09:05:00Z")) };
				expect(await store.addCard(again)).toEqual(reviewed);
				expect(await store.getCard(u, "q1")).toEqual(reviewed);
				expect(await store.listDueCards(u, beforeDue, 10)).toEqual([]);
				expect(await store.listLearnersWithDueCards(beforeDue, 10)).toEqual([]);
			});

			api.it("lists a user's due cards earliest first, and the learners with anything due", async () => {
				const card = (questionId: string, userId: string, due: string): LearnerCard => ({
					userId,
					questionId,
					card: { ...createEmptyCard(at("2026-01-01T00:00:00Z")), due: at(due) },
				});
				await store.saveCard(card("q2", u, "2026-01-06T00:00:00Z"));
				await store.saveCard(card("q1", u, "2026-01-05T00:00:00Z"));
				await store.saveCard(card("q3", u, "2026-01-09T00:00:00Z"));
				await store.saveCard(card("q1", "slack:T1:U2", "2026-01-04T00:00:00Z"));
				await store.saveCard(card("q1", "discord:G9:U3", "2026-01-10T00:00:00Z"));
				const now = at("2026-01-07T00:00:00Z");
				expect((await store.listDueCards(u, now, 10)).map((c) => c.questionId)).toEqual(["q1", "q2"]);
				expect((await store.listDueCards(u, now, 1)).map((c) => c.questionId)).toEqual(["q1"]);
				expect(await store.listDueCards("slack:T1:nobody", now, 10)).toEqual([]);
				expect(await store.listLearnersWithDueCards(now, 10)).toEqual(["slack:T1:U2", u]);
				expect(await store.listLearnersWithDueCards(now, 1)).toEqual(["slack:T1:U2"]);
				// Reviewing moves U2's only card into the future: U2 is no longer due.
				await store.saveCard(card("q1", "slack:T1:U2", "2026-01-20T00:00:00Z"));
				expect(await store.listLearnersWithDueCards(now, 10)).toEqual([u]);
			});
		});
	});
}
