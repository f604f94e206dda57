/**
 * The job runner on fake timers (vitest's, which move Date with them, so systemClock reads the
 * fake time): fires, coordinator keys, refusal and failure, overlap, stop, suspends and clock
 * jumps, daylight saving. One case at the end runs on real timers, at second resolution.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIRE_LEASE_MS, type RunningJobs, startJobs } from "../../jobs/cron-runner.ts";
import type { Job } from "../../jobs/job.ts";
import { systemClock } from "../../src/ports/clock.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import { ScheduleError } from "../../src/schedule/schedule-error.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";

/** A coordinator that records what it is asked, and can be told to refuse or to fail. */
class RecordingCoordinator implements RunCoordinator {
	readonly asked: { key: string; ttlMs: number }[] = [];
	readonly completed: string[] = [];
	failing: Error | undefined;
	private readonly inner: MemoryRunCoordinator;

	constructor(claims = new Map<string, number>()) {
		this.inner = new MemoryRunCoordinator({ claims });
	}

	async shouldRun(key: string, ttlMs: number): Promise<boolean> {
		this.asked.push({ key, ttlMs });
		if (this.failing) throw this.failing;
		return this.inner.shouldRun(key, ttlMs);
	}

	async onComplete(key: string): Promise<void> {
		this.completed.push(key);
		await this.inner.onComplete(key);
	}
}

interface Recorded extends Job {
	/** The `now` of each run, as ISO strings. */
	readonly runs: string[];
}

function recordingJob(name: string, schedule: string, timeZone = "UTC", run: (now: Date) => Promise<void> = async () => {}): Recorded {
	const runs: string[] = [];
	return {
		name,
		schedule,
		timeZone,
		runs,
		async run(now) {
			runs.push(now.toISOString());
			await run(now);
		},
	};
}

const started: RunningJobs[] = [];

function start(jobs: Job[], coordinator: RunCoordinator = new RecordingCoordinator(), logger = new RecordingLogger()) {
	const running = startJobs(jobs, { coordinator, clock: systemClock, logger });
	started.push(running);
	return { running, logger };
}

function fakeTime(at: string): void {
	vi.useFakeTimers({ now: new Date(at), toFake: ["setTimeout", "clearTimeout", "Date"] });
}

/** Moves the fake time forward by `ms`, running the timers due (a machine awake). */
async function advance(ms: number): Promise<void> {
	await vi.advanceTimersByTimeAsync(ms);
}

/** Sets the clock to `at` without running timers: a suspend (or a clock jump) as the process sees it. */
function jumpTo(at: string): void {
	vi.setSystemTime(new Date(at));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
	let resolve = () => {};
	const promise = new Promise<void>((r) => {
		resolve = r;
	});
	return { promise, resolve };
}

afterEach(async () => {
	for (const running of started.splice(0)) await running.stop();
	vi.useRealTimers();
});

describe("startJobs on fake timers", () => {
	it("runs a job at its slot, not before, with the clock's time", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const job = recordingJob("tick", "* * * * *");
		start([job]);
		await advance(29_999);
		expect(job.runs).toEqual([]);
		await advance(1);
		expect(job.runs).toEqual(["2026-06-10T10:01:00.000Z"]);
		await advance(120_000);
		expect(job.runs).toEqual(["2026-06-10T10:01:00.000Z", "2026-06-10T10:02:00.000Z", "2026-06-10T10:03:00.000Z"]);
	});

	it("claims each fire under `<job name>:<slot as ISO time>` with a 30 s lease, and marks it done after the run", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const coordinator = new RecordingCoordinator();
		start([recordingJob("drops", "* * * * *"), recordingJob("quizzes", "*/20 * * * * *")], coordinator);
		await advance(30_000);
		expect(FIRE_LEASE_MS).toBe(30_000);
		expect(coordinator.asked.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
			{ key: "drops:2026-06-10T10:01:00.000Z", ttlMs: 30_000 },
			{ key: "quizzes:2026-06-10T10:00:40.000Z", ttlMs: 30_000 },
			{ key: "quizzes:2026-06-10T10:01:00.000Z", ttlMs: 30_000 },
		]);
		expect(coordinator.completed.sort()).toEqual(coordinator.asked.map((a) => a.key).sort());
	});

	it("names the slot in UTC whatever the job's time zone", async () => {
		// Sunday 7 June 2026; Monday 09:00 in Berlin is 07:00Z (CEST), in Kolkata 03:30Z.
		fakeTime("2026-06-07T12:00:00.000Z");
		const coordinator = new RecordingCoordinator();
		start([recordingJob("berlin", "0 9 * * 1", "Europe/Berlin"), recordingJob("kolkata", "0 9 * * mon", "Asia/Kolkata")], coordinator);
		await advance(86_400_000);
		expect(coordinator.asked.map((a) => a.key)).toEqual(["kolkata:2026-06-08T03:30:00.000Z", "berlin:2026-06-08T07:00:00.000Z"]);
	});

	it("runs each fire once across replicas sharing the coordinator's claims", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const claims = new Map<string, number>();
		const [a, b] = [recordingJob("tick", "* * * * *"), recordingJob("tick", "* * * * *")];
		const [first, second] = [new RecordingCoordinator(claims), new RecordingCoordinator(claims)];
		start([a], first);
		start([b], second);
		await advance(180_000);
		expect([...a.runs, ...b.runs].sort()).toEqual(["2026-06-10T10:01:00.000Z", "2026-06-10T10:02:00.000Z", "2026-06-10T10:03:00.000Z"]);
		expect(first.asked.map((x) => x.key)).toEqual(second.asked.map((x) => x.key));
	});

	it("skips a fire the coordinator refuses, without a word", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const claims = new Map([["tick:2026-06-10T10:01:00.000Z", Date.now() + 3_600_000]]);
		const job = recordingJob("tick", "* * * * *");
		const { logger } = start([job], new RecordingCoordinator(claims));
		await advance(90_000);
		expect(job.runs).toEqual(["2026-06-10T10:02:00.000Z"]);
		expect(logger.lines).toEqual([]);
	});

	it("skips the fire when the coordinator fails (fail-closed), in one log line, and runs again once it answers", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const coordinator = new RecordingCoordinator();
		coordinator.failing = new Error("Redis is unreachable");
		const job = recordingJob("tick", "* * * * *");
		const { logger } = start([job], coordinator);
		await advance(30_000);
		expect(job.runs).toEqual([]);
		expect(coordinator.completed).toEqual([]);
		expect(logger.lines).toEqual([
			"error: Job tick: skipped the fire at 2026-06-10T10:01:00.000Z, the run coordinator failed: Redis is unreachable",
		]);
		coordinator.failing = undefined;
		await advance(60_000);
		expect(job.runs).toEqual(["2026-06-10T10:02:00.000Z"]);
	});

	it("logs a failed run in one line, marks the fire done all the same, and keeps the schedule", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const coordinator = new RecordingCoordinator();
		const job = recordingJob("tick", "* * * * *", "UTC", async () => {
			throw new Error("the store is read-only");
		});
		const { logger } = start([job], coordinator);
		await advance(90_000);
		expect(job.runs).toHaveLength(2);
		expect(coordinator.completed).toEqual(["tick:2026-06-10T10:01:00.000Z", "tick:2026-06-10T10:02:00.000Z"]);
		expect(logger.lines).toEqual(["error: Job tick failed: the store is read-only", "error: Job tick failed: the store is read-only"]);
	});

	it("does not stack a fire on a run still going: it skips it and says so", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const slow = deferred();
		let calls = 0;
		const job = recordingJob("tick", "* * * * *", "UTC", async () => {
			if (calls++ === 0) await slow.promise;
		});
		const { logger } = start([job]);
		await advance(150_000); // to 10:03:00: 10:01 starts and hangs; 10:02 and 10:03 come while it runs
		expect(job.runs).toEqual(["2026-06-10T10:01:00.000Z"]);
		expect(logger.lines).toEqual([
			"warn: Job tick: skipped the fire at 2026-06-10T10:02:00.000Z, its previous run is still going",
			"warn: Job tick: skipped the fire at 2026-06-10T10:03:00.000Z, its previous run is still going",
		]);
		slow.resolve();
		await advance(60_000);
		expect(job.runs).toEqual(["2026-06-10T10:01:00.000Z", "2026-06-10T10:04:00.000Z"]);
	});

	it("stop() waits for the runs in flight, and nothing runs or waits after it", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const slow = deferred();
		const job = recordingJob("tick", "* * * * *", "UTC", () => slow.promise);
		const coordinator = new RecordingCoordinator();
		const { running } = start([job], coordinator);
		await advance(30_000);
		let stopped = false;
		const stopping = running.stop().then(() => {
			stopped = true;
		});
		await advance(5_000);
		expect(stopped).toBe(false);
		slow.resolve();
		await stopping;
		expect(coordinator.completed).toEqual(["tick:2026-06-10T10:01:00.000Z"]);
		expect(vi.getTimerCount()).toBe(0);
		await advance(600_000);
		expect(job.runs).toEqual(["2026-06-10T10:01:00.000Z"]);
	});

	it("still runs a fire whose timer comes late (a busy event loop)", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const job = recordingJob("tick", "* * * * *");
		start([job]);
		await advance(20_000);
		jumpTo("2026-06-10T10:01:10.000Z"); // the timer due at 10:01:00 now comes at 10:01:20
		await advance(10_000);
		expect(job.runs).toEqual(["2026-06-10T10:01:20.000Z"]);
	});

	it("after a suspend, one run serves the latest fire that passed, and the schedule goes on", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const coordinator = new RecordingCoordinator();
		const job = recordingJob("tick", "* * * * *");
		const { logger } = start([job], coordinator);
		jumpTo("2026-06-10T13:00:45.000Z"); // three hours asleep; the pending timer comes 30 s after waking
		await advance(30_000);
		expect(coordinator.asked.map((a) => a.key)).toEqual(["tick:2026-06-10T13:01:00.000Z"]);
		expect(logger.lines).toEqual([
			"warn: Job tick: fires from 2026-06-10T10:01:00.000Z to 2026-06-10T13:01:00.000Z passed while the process was not running them (a suspend or a clock jump); one run serves the latest",
		]);
		await advance(45_000);
		expect(coordinator.asked.map((a) => a.key)).toEqual(["tick:2026-06-10T13:01:00.000Z", "tick:2026-06-10T13:02:00.000Z"]);
	});

	it("notices a weekly fire passed during a suspend within a minute: its timer steps at most 60 s", async () => {
		fakeTime("2026-06-01T10:00:00.000Z");
		const coordinator = new RecordingCoordinator();
		start([recordingJob("weekly", "0 9 * * 1")], coordinator);
		jumpTo("2026-06-08T09:00:30.000Z");
		await advance(60_000);
		expect(coordinator.asked.map((a) => a.key)).toEqual(["weekly:2026-06-08T09:00:00.000Z"]);
	});

	it("follows the clock when it goes back instead of waiting out the jump", async () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const job = recordingJob("tick", "* * * * *");
		start([job]);
		jumpTo("2026-06-10T09:00:30.000Z");
		await advance(90_000);
		expect(job.runs).toEqual(["2026-06-10T09:02:00.000Z"]);
	});

	it("keeps local time across daylight saving (Intl's zone data): once a day, in spring and in autumn", async () => {
		// Berlin: 29 March 2026 skips 02:00-03:00 (02:30 fires at 03:30 CEST), 25 October repeats it (02:30 fires in its first pass).
		fakeTime("2026-03-27T12:00:00.000Z");
		const coordinator = new RecordingCoordinator();
		start([recordingJob("daily", "30 2 * * *", "Europe/Berlin")], coordinator);
		await advance(3 * 86_400_000);
		jumpTo("2026-10-23T12:00:00.000Z");
		await advance(60_000);
		await advance(3 * 86_400_000);
		expect(coordinator.asked.map((a) => a.key)).toEqual([
			"daily:2026-03-28T01:30:00.000Z",
			"daily:2026-03-29T01:30:00.000Z",
			"daily:2026-03-30T00:30:00.000Z",
			// the jump from March to October runs the latest passed fire once
			"daily:2026-10-23T00:30:00.000Z",
			"daily:2026-10-24T00:30:00.000Z",
			"daily:2026-10-25T00:30:00.000Z",
			"daily:2026-10-26T01:30:00.000Z",
		]);
	});

	it("refuses a schedule or a time zone it cannot read, before starting any job", () => {
		fakeTime("2026-06-10T10:00:30.000Z");
		const coordinator = new RecordingCoordinator();
		const ok = recordingJob("ok", "* * * * *");
		expect(() => start([ok, recordingJob("bad", "61 * * * *")], coordinator)).toThrow(ScheduleError);
		expect(() => start([ok, recordingJob("bad", "* * * * *", "Mars/Olympus_Mons")], coordinator)).toThrow(ScheduleError);
		expect(vi.getTimerCount()).toBe(0);
	});
});

describe("startJobs on real timers", () => {
	it("runs a seconds schedule at whole-second slots, after each slot", async () => {
		const coordinator = new RecordingCoordinator();
		const job = recordingJob("seconds", "* * * * * *");
		const { running } = start([job], coordinator);
		const deadline = Date.now() + 10_000;
		while (job.runs.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
		await running.stop();
		expect(job.runs.length).toBeGreaterThanOrEqual(2);
		const slots = coordinator.asked.map((a) => a.key.replace("seconds:", ""));
		for (const [i, slot] of slots.entries()) {
			expect(slot).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
			if (i > 0) expect(slot > (slots[i - 1] ?? "")).toBe(true);
		}
		for (const [i, now] of job.runs.entries()) expect(now >= (slots[i] ?? "")).toBe(true);
	});
});
