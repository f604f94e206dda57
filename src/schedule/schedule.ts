/**
 * A channel's drop schedule: cron or plain words, read in an IANA time zone. parseSchedule checks
 * both and returns the cron expression to store plus the next-fire function the scheduler uses.
 */
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

/** How a schedule reads to people: "Mondays at 09:00", "every 2 minutes", or the cron itself. */
export function describeSchedule(cron: string): string {
	const fields = cron.split(" ");
	const [second, minute, hour, dom, month, dow] = fields.length === 6 ? fields : ["0", ...fields];
	const step = (f: string | undefined) => (f === "*" ? "1" : /^\*\/(\d+)$/.exec(f ?? "")?.[1]);
	const rest = [dom, month].every((f) => f === "*") && dow === "*";
	if (fields.length === 6 && step(second) && [minute, hour].every((f) => f === "*") && rest) return plural(step(second), "second");
	if (second === "0" && step(minute) && hour === "*" && rest) return plural(step(minute), "minute");
	if (second === "0" && /^\d+$/.test(minute ?? "") && /^\d+$/.test(hour ?? "") && dom === "*" && month === "*") {
		const at = `${(hour ?? "").padStart(2, "0")}:${(minute ?? "").padStart(2, "0")}`;
		return `${daysInWords(dow ?? "*")} at ${at}`;
	}
	return `cron "${cron}"`;
}

function plural(n: string | undefined, unit: string): string {
	return n === "1" || n === undefined ? `every ${unit}` : `every ${n} ${unit}s`;
}

const DAY_NAMES = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];

function daysInWords(dow: string): string {
	if (dow === "*") return "every day";
	if (dow === "1-5" || dow === "1,2,3,4,5") return "weekdays";
	if (dow === "0,6" || dow === "6,0") return "weekends";
	if (!/^[0-7](,[0-7])*$/.test(dow)) return `days "${dow}"`;
	const names = dow.split(",").map((d) => DAY_NAMES[Number(d) % 7] ?? d);
	return names.length === 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
