/**
 * How a channel studies: the timing of recall quizzes and who may change a channel's course.
 * Built by the composition root from the environment (or the demo's fast timing).
 */
import type { Course } from "../course/course.ts";
import type { ChatPort } from "../ports/chat.ts";
import type { Clock } from "../ports/clock.ts";
import type { Logger } from "../ports/logger.ts";
import type { Metrics } from "../ports/metrics.ts";
import { DEFAULT_CLAIM_LEASE_MS, type Store } from "../ports/store.ts";

const DAY_MS = 86_400_000;

export interface StudyOptions {
	/** When recall quizzes open after a drop, in ms after it (default 1, 3 and 7 days). */
	readonly recallOffsetsMs: readonly number[];
	/** How long a quiz post takes answers before it reveals (default one day). */
	readonly quizOpenMs: number;
	/** A scheduled post this much after its time says it is late (default 10 minutes). */
	readonly lateAfterMs: number;
	/** How long a replica's claim on a scheduled post lasts before another may take it over (default 2 minutes). */
	readonly claimLeaseMs: number;
	/** Time zone of channels that do not name one (default UTC). */
	readonly defaultTimeZone: string;
	/** Drop schedule of `/course start` without one: cron or plain words (default Mondays 09:00). */
	readonly defaultSchedule: string;
	/** User ids that may change any channel's course, beside each channel's own admins. */
	readonly admins: readonly string[];
	/** User or group ids who see participation reports (KUBECOACH_MANAGERS; the console's operator too). */
	readonly managers: readonly string[];
	/** Whether reports show a row per learner (default true). */
	readonly participationPerPerson: boolean;
	/** The managers' time zone: report weeks, dates, the digest (default defaultTimeZone). */
	readonly managersTimeZone?: string;
	/** The managers' channel: the weekly digest and course-complete reports go there. */
	readonly digestChannel?: string;
	/** A quiz post's running count is edited at most once per this many ms (default 1000; see CountRefresher). */
	readonly countEditIntervalMs?: number;
}

export const defaultStudyOptions: StudyOptions = {
	recallOffsetsMs: [1 * DAY_MS, 3 * DAY_MS, 7 * DAY_MS],
	quizOpenMs: DAY_MS,
	lateAfterMs: 10 * 60_000,
	claimLeaseMs: DEFAULT_CLAIM_LEASE_MS,
	defaultTimeZone: "UTC",
	defaultSchedule: "0 9 * * 1",
	admins: [],
	managers: [],
	participationPerPerson: true,
};

/** What the study features need; one bundle so that commands and jobs share it. */
export interface Study {
	readonly course: Course;
	readonly store: Store;
	readonly chat: ChatPort;
	readonly clock: Clock;
	readonly logger: Logger;
	readonly options: StudyOptions;
	/** Counts quiz answers (default: nothing). */
	readonly metrics?: Metrics;
}
