/**
 * The weekly participation digest: on its schedule (default Mondays 09:00 in the managers' time
 * zone), the summary and the chart of the week before, for every channel of the managers' channel's
 * workspace, posted to that channel. Once per week across replicas: besides the runner's claim of
 * each fire, the run claims the week itself in the RunCoordinator for longer than a week, so a
 * second fire in the same week (a changed schedule, a replica whose clock lags) posts nothing. A week
 * without activity is one line.
 */
import { buildReport, previousWeek, reportReplies } from "../src/participation/report.ts";
import type { RunCoordinator } from "../src/ports/run-coordinator.ts";
import { calendarDay } from "../src/ports/store.ts";
import type { Study } from "../src/study/study-options.ts";
import type { Job } from "./job.ts";

const WEEK_CLAIM_MS = 8 * 86_400_000;

export interface DigestOptions {
	/** The managers' channel; no channel, no job. */
	readonly channelId: string;
	/** A cron expression (already parsed from plain words). */
	readonly schedule: string;
	readonly timeZone: string;
	readonly coordinator: RunCoordinator;
}

export function participationDigestJob(study: Study, options: DigestOptions): Job {
	const workspaceId = options.channelId.slice(0, options.channelId.lastIndexOf(":"));
	return {
		name: "participation-digest",
		schedule: options.schedule,
		timeZone: options.timeZone,
		async run(now) {
			const range = previousWeek(now, options.timeZone);
			const week = calendarDay(range.from, options.timeZone);
			if (!(await options.coordinator.shouldRun(`participation-digest:${options.channelId}:${week}`, WEEK_CLAIM_MS))) return;
			const report = await buildReport(study.store, study.course, {
				scope: { workspaceId },
				label: `week of ${week}, every channel`,
				range,
				weeksAsked: 1,
				defaultTimeZone: study.options.defaultTimeZone,
				now,
				recallReachMs: Math.max(0, ...study.options.recallOffsetsMs),
			});
			const replies = await reportReplies(report, {
				perPerson: false,
				timeZone: options.timeZone,
				visibility: "channel",
				summaryOnly: true,
			});
			try {
				for (const reply of replies) await study.chat.post(options.channelId, reply);
			} catch (error) {
				study.logger.error(
					`Could not post the participation digest to ${options.channelId}: ${error instanceof Error ? error.message : String(error)}`,
				);
				return;
			}
			study.logger.info(`Posted the participation digest of the week of ${week} to ${options.channelId}`);
		},
	};
}
