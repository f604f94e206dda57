/**
 * `kubecoach start --demo`: the console channel follows the course on a fast schedule, so that a
 * drop, its recall quizzes and their reveals happen within a minute. Everything is scaled from
 * KUBECOACH_DEMO_EVERY (seconds between drops, default 30, taken down to one that divides the
 * minute, so 45 runs as 30): the first recall quiz opens a sixth of that after the drop, the others
 * at a half and at seven sixths (as 1, 3 and 7 days are to a week), and each quiz stays open one
 * drop interval.
 */
import type { Course } from "../src/course/course.ts";
import type { Clock } from "../src/ports/clock.ts";
import type { Store } from "../src/ports/store.ts";
import type { StudyOptions } from "../src/study/study-options.ts";

/** Steps that cron repeats evenly within a minute: `*\/45` would fire at :00 and :45, 15 s apart. */
const EVEN_SECONDS = [2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

/** The longest even step not above `requested` (2 at least), so that drops really come every that many seconds. */
export function demoInterval(requested: number): number {
	return EVEN_SECONDS.filter((s) => s <= requested).at(-1) ?? 2;
}

export function demoStudyOptions(base: StudyOptions, requestedSeconds: number): StudyOptions {
	const everySeconds = demoInterval(requestedSeconds);
	const seconds = (fraction: number) => Math.max(1, Math.round(everySeconds * fraction)) * 1000;
	return {
		...base,
		defaultSchedule: `*/${everySeconds} * * * * *`,
		recallOffsetsMs: [seconds(1 / 6), seconds(1 / 2), seconds(7 / 6)],
		quizOpenMs: everySeconds * 1000,
		lateAfterMs: 5000,
	};
}

/** Starts the course in the channel from now on the demo schedule. */
export async function startDemoCourse(
	store: Store,
	course: Course,
	options: StudyOptions,
	clock: Clock,
	channelId: string,
	admin: string,
): Promise<void> {
	await store.saveChannel({
		channelId,
		courseId: course.meta.id,
		nextEpisode: 1,
		schedule: options.defaultSchedule,
		timeZone: options.defaultTimeZone,
		paused: false,
		admins: [admin],
		lastDropAt: null,
		scheduleFrom: clock.now(),
		pendingDrop: null,
	});
}

const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };

/**
 * Resolves once the channel shows its first quiz (the store has a posted quiz: one with a message
 * reference), or after `timeoutMs`: with piped input the demo waits for what it promised.
 */
export async function firstQuizShown(store: Store, channelId: string, timeoutMs: number, pollMs = 250): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const posts = await store.listQuizPosts(channelId, ALL_TIME);
		if (posts.some((post) => post.messageRef !== null)) return;
		await new Promise((resolve) => setTimeout(resolve, pollMs));
	}
}
