/**
 * A channel's drop schedule: cron or plain words, read in an IANA time zone. parseSchedule checks
 * both and returns the cron expression to store plus the next-fire function the scheduler uses.
 */
import { codeSpan } from "../reply/markup.ts";
import { type CronSpec, looksLikeCron, parseCron } from "./cron-expression.ts";
import { nextFire, nextWallTime } from "./next-fire.ts";
import { plainWordsToCron } from "./plain-words.ts";
import { ACCEPTED_SCHEDULES, ScheduleError } from "./schedule-error.ts";
import { checkTimeZone } from "./time-zone.ts";

export interface Schedule {
	/** The cron expression (node-cron syntax) that ChannelSettings.schedule stores. */
	readonly cron: string;
	readonly timeZone: string;
	/** The first fire strictly after `after`, or null if it never fires again. */
	next(after: Date): Date | null;
}

/** Weekly, Monday 09:00: the default for `/course start`. */
export const DEFAULT_SCHEDULE = "0 9 * * 1";

const specs = new Map<string, CronSpec>();

/** Parses a stored cron expression (cached: thousands of channels share a few schedules). */
function specOf(cron: string): CronSpec {
	let spec = specs.get(cron);
	if (!spec) {
		spec = parseCron(cron);
		// "0 9 30 2 *" parses but never comes: say so now rather than never drop.
		if (nextWallTime(spec, Date.UTC(2000, 0, 1)) === null) {
			throw new ScheduleError("schedule-invalid", `"${cron}" is not a schedule I can use: it never fires. ${ACCEPTED_SCHEDULES}`);
		}
		if (specs.size > 10_000) specs.clear();
		specs.set(cron, spec);
	}
	return spec;
}

/**
 * Reads `text` (a cron expression or plain words) in `timeZone`. Throws ScheduleError with code
 * "schedule-invalid" or "time-zone-unknown" whose message says what is accepted.
 */
export function parseSchedule(text: string, timeZone: string): Schedule {
	const zone = checkTimeZone(timeZone);
	const trimmed = text.trim().replace(/^["'“”]+|["'“”]+$/g, "");
	if (trimmed === "") throw new ScheduleError("schedule-invalid", `The schedule is empty. ${ACCEPTED_SCHEDULES}`);
	let cron: string;
	if (looksLikeCron(trimmed)) cron = specOf(trimmed).expression;
	else {
		const fromWords = plainWordsToCron(trimmed);
		if (fromWords === null)
			throw new ScheduleError("schedule-invalid", `"${trimmed}" is not a schedule I understand. ${ACCEPTED_SCHEDULES}`);
		cron = fromWords;
	}
	const spec = specOf(cron);
	return { cron, timeZone: zone, next: (after) => nextFire(spec, zone, after) };
}

/** How a schedule reads to people: "Mondays at 09:00", "every 2 minutes", or the cron itself in a code span (reply markup). */
export function describeSchedule(cron: string): string {
	const fields = cron.split(" ");
	const [second, minute, hour, dom, month, dow] = fields.length === 6 ? fields : ["0", ...fields];
	const rest = dom === "*" && month === "*" && dow === "*";
	if (fields.length === 6 && [minute, hour].every((f) => f === "*") && rest) {
		const n = evenStep(second, 60);
		if (n !== undefined) return plural(n, "second");
	}
	if (second === "0" && hour === "*" && rest) {
		const n = evenStep(minute, 60);
		if (n !== undefined) return plural(n, "minute");
	}
	if (second === "0" && minute === "0" && rest) {
		const n = evenStep(hour, 24);
		if (n !== undefined) return plural(n, "hour");
	}
	if (second === "0" && /^\d+$/.test(minute ?? "") && /^\d+$/.test(hour ?? "") && dom === "*" && month === "*") {
		const at = `${(hour ?? "").padStart(2, "0")}:${(minute ?? "").padStart(2, "0")}`;
		const days = daysInWords(cron);
		if (days !== undefined) return `${days} at ${at}`;
	}
	return `cron ${codeSpan(cron)}`;
}

/**
 * n for `*` (1) or `*\/n` when n divides the unit's `size`: only then is the schedule truly "every
 * n" (`*\/7` minutes restarts each hour, 4 minutes after :56), so other steps show as cron.
 */
function evenStep(f: string | undefined, size: number): number | undefined {
	if (f === "*") return 1;
	const n = Number(/^\*\/(\d+)$/.exec(f ?? "")?.[1]);
	return Number.isInteger(n) && n > 0 && size % n === 0 ? n : undefined;
}

function plural(n: number, unit: string): string {
	return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

const DAY_NAMES = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];
/** Monday first, as people list a week ("Mondays and Sundays", not "Sundays and Mondays"). */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** The days of week in words, read from the parsed field so that "MON-FRI", "1-5" and "mon,tue,wed,thu,fri" all say "weekdays". */
function daysInWords(cron: string): string | undefined {
	let days: number[];
	try {
		const spec = parseCron(cron);
		days = WEEK_ORDER.filter((d) => spec.daysOfWeek[d]);
	} catch {
		return undefined;
	}
	const key = days.join(",");
	if (days.length === 7) return "every day";
	if (key === "1,2,3,4,5") return "weekdays";
	if (key === "6,0") return "weekends";
	const names = days.map((d) => DAY_NAMES[d] ?? String(d));
	return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
