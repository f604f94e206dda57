/** What a schedule or time zone may look like: every schedule error ends with it. */
export const ACCEPTED_SCHEDULES =
	'I accept plain words such as "mondays 9:00", "weekdays at 09:30", "every day at 18:00", "tue, thu at 8am", ' +
	'"every 2 minutes" or "every 30 seconds", or a cron expression such as "0 9 * * 1" ' +
	"(minute hour day-of-month month day-of-week, with an optional seconds field first).";

export const ACCEPTED_TIME_ZONES = 'I accept IANA time zone names such as "Europe/Berlin", "America/New_York", "Asia/Tokyo" or "UTC".';

type ScheduleErrorCode = "schedule-invalid" | "time-zone-unknown";

/** A schedule or time zone the bot cannot use; `message` says why and what is accepted. */
export class ScheduleError extends Error {
	readonly code: ScheduleErrorCode;

	constructor(code: ScheduleErrorCode, message: string) {
		super(message);
		this.name = "ScheduleError";
		this.code = code;
	}
}
