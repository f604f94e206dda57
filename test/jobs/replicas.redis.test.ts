/**
 * Two scheduler instances (replicas) on one real Redis, each with its own connection, store and
 * job instances, sharing a recording chat: every scheduled item must be posted exactly once.
 * First with the Redis run coordinator gating each fire as jobs/cron-runner.ts does, then with no
 * gate at all (both replicas run every job at every tick), which leaves it to the Store's claims
 * alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisClient } from "../../adapters/redis/connect.ts";
import { RedisRunCoordinator } from "../../adapters/redis/redis-run-coordinator.ts";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import type { Job } from "../../jobs/job.ts";
import { studyJobs } from "../../jobs/study-jobs.ts";
import { ManualClock } from "../../src/ports/clock.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import { defaultStudyOptions, type Study } from "../../src/study/study-options.ts";
import { clean, connectTestRedis, testPrefix } from "../contract/redis-test-db.ts";
import { RecordingChat } from "../fakes/recording-chat.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { mainCourse } from "../helpers/course.ts";

// This file's own database; other Redis test files use other numbers.
const DB = 14;
const CHANNELS = 100;
const MINUTE = 60_000;
let admin: RedisClient;

beforeAll(async () => {
	admin = await connectTestRedis(DB);
});
afterAll(async () => {
	await admin.quit();
});

interface Replica {
	readonly store: RedisStore;
	readonly coordinator: RunCoordinator;
	readonly jobs: Job[];
}

async function scenario(gate: "coordinator" | "none") {
	const prefix = testPrefix(`replicas-${gate}`);
	const clock = new ManualClock("2026-01-05T08:00:00Z");
	const chat = new RecordingChat(clock);
	const logger = new RecordingLogger();
	const options = { ...defaultStudyOptions, recallOffsetsMs: [60 * MINUTE], quizOpenMs: 30 * MINUTE };
	const replicas: Replica[] = [];
	for (let i = 0; i < 2; i++) {
		// One connection per replica, shared by its store (which closes it) and its coordinator, as in production.
		const client = await connectTestRedis(DB);
		const store = new RedisStore(client, { keyPrefix: prefix });
		const coordinator = new RedisRunCoordinator(client, { keyPrefix: prefix });
		const study: Study = { course: mainCourse(), store, chat, clock, logger, options };
		replicas.push({ store, coordinator, jobs: studyJobs(study, { concurrency: 8 }) });
	}
	try {
		// 100 channels, each with its first drop at a different minute between 09:00 and 09:49 UTC.
		for (let c = 0; c < CHANNELS; c++) {
			await replicas[c % 2]?.store.saveChannel({
				channelId: `slack:T1:C${c}`,
				courseId: mainCourse().meta.id,
				nextEpisode: 1,
				schedule: `${c % 50} 9 * * *`,
				timeZone: "UTC",
				paused: false,
				admins: [],
				lastDropAt: null,
				scheduleFrom: clock.now(),
				pendingDrop: null,
			});
		}
		for (let t = clock.now().getTime() + MINUTE; t <= new Date("2026-01-05T11:30:00Z").getTime(); t += MINUTE) {
			clock.set(new Date(t));
			const slot = clock.now();
			// Both replicas fire every job at the same tick, concurrently, as two processes would.
			await Promise.all(
				replicas.map(async (replica) => {
					for (const job of replica.jobs) {
						const key = `${job.name}:${slot.toISOString()}`;
						if (gate === "coordinator" && !(await replica.coordinator.shouldRun(key, MINUTE))) continue;
						await job.run(slot);
						if (gate === "coordinator") await replica.coordinator.onComplete(key);
					}
				}),
			);
		}
		return { chat, logger };
	} finally {
		for (const replica of replicas) await replica.store.close();
		await clean(admin, prefix);
	}
}

function expectExactlyOnce(chat: RecordingChat): void {
	const drops = chat.posts.filter((p) => p.reply.header?.startsWith("New episode"));
	const quizzes = chat.posts.filter((p) => p.reply.header?.startsWith("Recall quiz"));
	// 200 scheduled items: a drop and a recall quiz per channel. No duplicates, no misses.
	expect(chat.posts).toHaveLength(200);
	expect(new Set(drops.map((p) => p.channelId)).size).toBe(CHANNELS);
	expect(new Set(quizzes.map((p) => p.channelId)).size).toBe(CHANNELS);
	// Each at its time, none late.
	for (const drop of drops) {
		const c = Number(drop.channelId.slice("slack:T1:C".length));
		expect(drop.at.toISOString()).toBe(`2026-01-05T09:${String(c % 50).padStart(2, "0")}:00.000Z`);
	}
	expect(chat.posts.some((p) => p.reply.text?.includes("Posted late"))).toBe(false);
	const reveals = chat.updates.filter((u) => u.reply.header?.startsWith("Quiz closed"));
	expect(reveals).toHaveLength(CHANNELS);
	expect(new Set(reveals.map((r) => r.ref)).size).toBe(CHANNELS);
}

describe("two scheduler instances on one Redis", () => {
	it("post 200 scheduled items exactly once with the run coordinator gating each fire", async () => {
		const { chat, logger } = await scenario("coordinator");
		expectExactlyOnce(chat);
		expect(logger.lines.filter((l) => !l.startsWith("info:"))).toEqual([]);
	});

	it("post 200 scheduled items exactly once when both run every job at every tick (the Store's claims alone)", async () => {
		const { chat, logger } = await scenario("none");
		expectExactlyOnce(chat);
		expect(logger.lines.filter((l) => !l.startsWith("info:"))).toEqual([]);
	});
});
