/**
 * Scheduler throughput, printed for `npm run bench`: one tick of the study jobs over 10,000
 * channels whose drop is due, to a recording chat port, against reading those channels from the
 * same store alone (listChannels, the floor any tick pays). Also the idle tick right after (nothing
 * due: the cost of finding that out) against the same read. On the in-memory store (the core's
 * own cost, where the read only copies references), the embedded SQLite store (every claim
 * committed with fsync, group commit) and Redis (the production store, where the read is real I/O).
 */

import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RedisStore } from "../adapters/redis/redis-store.ts";
import { openSqliteStore } from "../adapters/sqlite/open-sqlite-store.ts";
import { runJobs } from "../jobs/job.ts";
import { studyJobs } from "../jobs/study-jobs.ts";
import type { Course } from "../src/course/course.ts";
import { loadCourse } from "../src/course/load-course.ts";
import { ManualClock } from "../src/ports/clock.ts";
import { silentLogger } from "../src/ports/logger.ts";
import type { Store } from "../src/ports/store.ts";
import { wallTime } from "../src/schedule/time-zone.ts";
import { defaultStudyOptions } from "../src/study/study-options.ts";
import { clean, connectTestRedis } from "../test/contract/redis-test-db.ts";
import { MemoryStore } from "../test/fakes/memory-store.ts";
import { RecordingChat } from "../test/fakes/recording-chat.ts";
import { heading, ms } from "./measure.ts";

const CHANNELS = 10_000;
const REDIS_DB = 15;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"];
// Monday 5 January 2026, 09:00 UTC: every channel's weekly drop falls due at this very tick (its
// Monday hour in its own zone is chosen so), so that none is late.
const TICK = new Date("2026-01-05T09:00:00Z");

async function seed(store: Store, course: Course): Promise<void> {
	for (let i = 0; i < CHANNELS; i++) {
		const timeZone = ZONES[i % ZONES.length] ?? "UTC";
		const hour = new Date(wallTime(TICK.getTime(), timeZone)).getUTCHours();
		await store.saveChannel({
			channelId: `slack:T${i % 100}:C${i}`,
			courseId: course.meta.id,
			nextEpisode: 1,
			schedule: `0 ${hour} * * 1`,
			timeZone,
			paused: false,
			admins: [],
			lastDropAt: null,
			scheduleFrom: new Date("2026-01-01T00:00:00Z"),
			pendingDrop: null,
		});
	}
}

async function time(fn: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await fn();
	return performance.now() - start;
}

async function measure(name: string, store: Store, course: Course): Promise<void> {
	await seed(store, course);
	const chat = new RecordingChat();
	const clock = new ManualClock(TICK);
	const jobs = studyJobs({ course, store, chat, clock, logger: silentLogger, options: defaultStudyOptions });
	const reads: number[] = [];
	for (let i = 0; i < 5; i++) reads.push(await time(() => store.listChannels()));
	const read = reads.sort((a, b) => a - b)[2] ?? Number.NaN;
	const busy = await time(() => runJobs(jobs, TICK));
	if (chat.posts.length !== CHANNELS) throw new Error(`expected ${CHANNELS} drops, got ${chat.posts.length}`);
	if (chat.posts.some((p) => p.reply.text?.includes("Posted late"))) throw new Error("a drop was late");
	const idle = await time(() => runJobs(jobs, new Date(TICK.getTime() + 60_000)));
	if (chat.posts.length !== CHANNELS) throw new Error("the idle tick posted something");
	console.log(`schedule: ${name}: read ${CHANNELS.toLocaleString("en-US")} channels: ${ms(read)}`);
	console.log(
		`schedule: ${name}: tick finding and posting ${CHANNELS.toLocaleString("en-US")} due drops (+${(3 * CHANNELS).toLocaleString("en-US")} quizzes scheduled): ${ms(busy)}, ratio to the read ${(busy / read).toFixed(1)}`,
	);
	console.log(`schedule: ${name}: next tick, nothing due: ${ms(idle)}, ratio to the read ${(idle / read).toFixed(1)}`);
}

export default async function scheduleBench(): Promise<void> {
	const course = loadCourse(join(import.meta.dirname, "..", "content", "k8s-production-mastery"), join(import.meta.dirname, ".."));
	heading("Schedule");
	await measure("memory store", new MemoryStore(), course);
	const dir = await mkdtemp(join(tmpdir(), "kubecoach-bench-schedule-"));
	const store = await openSqliteStore({ dir });
	try {
		await measure("sqlite store", store, course);
	} finally {
		await store.close();
		await rm(dir, { recursive: true, force: true });
	}
	const client = await connectTestRedis(REDIS_DB);
	const prefix = `kubecoach-bench-schedule:${randomUUID()}:`;
	const redis = new RedisStore(client, { keyPrefix: prefix });
	try {
		await measure("redis store", redis, course);
	} finally {
		await clean(client, prefix);
		await redis.close();
	}
}

// Run alone with `node bench/schedule.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await scheduleBench();

if (import.meta.main) await scheduleBench();
