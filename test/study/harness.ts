/**
 * A study world for tests: the real core and jobs on the in-memory store, a recording chat, a
 * logger that keeps its lines and a clock that moves only when told. `tickEvery` runs the jobs
 * as jobs/cron-runner.ts would, at each tick between two times (no sleeping: the clock jumps).
 */

import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { type Job, runJobs } from "../../jobs/job.ts";
import { studyJobs } from "../../jobs/study-jobs.ts";
import { createCore } from "../../src/app.ts";
import type { Course } from "../../src/course/course.ts";
import { ManualClock } from "../../src/ports/clock.ts";
import type { Store } from "../../src/ports/store.ts";
import type { Reply } from "../../src/reply.ts";
import type { Handled } from "../../src/router/command.ts";
import type { CommandRouter } from "../../src/router/router.ts";
import { defaultStudyOptions, type Study, type StudyOptions } from "../../src/study/study-options.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { RecordingChat } from "../fakes/recording-chat.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { contextIn, press, seen } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";

export const ADMIN = "slack:T1:UADMIN";

export interface World {
	readonly course: Course;
	readonly store: Store;
	readonly chat: RecordingChat;
	readonly clock: ManualClock;
	readonly logger: RecordingLogger;
	readonly study: Study;
	readonly router: CommandRouter;
	readonly jobs: Job[];
	/** Sets the clock to `at` and runs every job once. */
	tick(at: Date | string): Promise<void>;
	/** Ticks from `from` (exclusive) to `to` (inclusive) every `stepMs`. */
	tickEvery(from: Date | string, to: Date | string, stepMs: number): Promise<void>;
	/** Types a command in a channel as a user; resolves to all they see (the acknowledgement, then the followUp's replies). */
	say(channelId: string, userId: string, text: string): Promise<readonly Reply[]>;
	/** Presses the button with this action and value (through its id); resolves to all the user sees. */
	press(channelId: string, userId: string, action: string, value: string): Promise<readonly Reply[]>;
	/** The same press, answered as an adapter gets it: the acknowledgement and the followUp not yet run. */
	pressOnly(channelId: string, userId: string, action: string, value: string): Promise<Handled>;
}

export function makeWorld(options: { start: string; store?: Store; study?: Partial<StudyOptions> }): World {
	const course = mainCourse();
	const store = options.store ?? new MemoryStore();
	const clock = new ManualClock(options.start);
	const chat = new RecordingChat(clock);
	const logger = new RecordingLogger();
	const studyOptions: StudyOptions = { ...defaultStudyOptions, admins: [ADMIN], ...options.study };
	const study: Study = { course, store, chat, clock, logger, options: studyOptions };
	const { router } = createCore({
		course,
		pick: (items) => items[0],
		readinessDemo: demoSnapshot,
		study: { store, chat, clock, logger, options: studyOptions },
	});
	const jobs = studyJobs(study);
	const tick = async (at: Date | string) => {
		clock.set(at);
		await runJobs(jobs, clock.now());
	};
	return {
		course,
		store,
		chat,
		clock,
		logger,
		study,
		router,
		jobs,
		tick,
		async tickEvery(from, to, stepMs) {
			const end = new Date(to).getTime();
			for (let t = new Date(from).getTime() + stepMs; t <= end; t += stepMs) await tick(new Date(t));
		},
		say: (channelId, userId, text) => seen(router.handleText(text, contextIn(channelId, userId))),
		press: (channelId, userId, action, value) => seen(press(router, action, value, contextIn(channelId, userId))),
		pressOnly: (channelId, userId, action, value) => press(router, action, value, contextIn(channelId, userId)),
	};
}
