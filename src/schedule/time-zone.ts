/**
 * Wall-clock time in an IANA time zone, from the platform's Intl data (no dependency). A "wall
 * time" is the local date and time written as if it were UTC milliseconds: Date.UTC(y, m, d, h,
 * mi, s). Converting back to an instant is where daylight saving bites: a wall time can not exist
 * (spring forward) or exist twice (fall back); resolveWallTime says what the scheduler does then.
 */
import { ACCEPTED_TIME_ZONES, ScheduleError } from "./schedule-error.ts";

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat("en-US", {
			timeZone,
			hourCycle: "h23",
			year: "numeric",
			month: "numeric",
			day: "numeric",
			hour: "numeric",
			minute: "numeric",
			second: "numeric",
		});
		formatters.set(timeZone, format);
	}
	return format;
}

// Seeded with the default zone, which Intl keeps as it is: a start that leaves the zone alone
// (kubecoach explain, most installations) does not pay for loading Intl's time zone data.
const canonical = new Map<string, string>([["UTC", "UTC"]]);

/**
 * The name to keep for a zone the user typed. Intl "canonicalises" links to ICU's old names
 * (Asia/Kolkata -> Asia/Calcutta, Europe/Kyiv -> Europe/Kiev, Asia/Kathmandu -> Asia/Katmandu),
 * and a channel should read back the zone it asked for; so Intl's name is used only to fix the
 * case of what was typed ("europe/berlin" -> "Europe/Berlin"). A link typed in lower case keeps
 * its own spelling with each word capitalised, which Intl accepts as well.
 */
function keptName(typed: string, resolved: string): string {
	if (typed.toLowerCase() === resolved.toLowerCase()) return resolved;
	if (typed !== typed.toLowerCase()) return typed;
	if (!typed.includes("/") && typed.length <= 4) return typed.toUpperCase();
	return typed.replace(/(^|[/_])([a-z])/g, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

/** The zone's name as the channel will see it, or ScheduleError "time-zone-unknown" saying what is accepted. */
export function checkTimeZone(timeZone: string): string {
	const known = canonical.get(timeZone);
	if (known !== undefined) return known;
	try {
		const resolved = new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
		const name = keptName(timeZone.trim(), resolved);
		new Intl.DateTimeFormat("en-US", { timeZone: name }); // the kept spelling must work too
		// Bounded: names come from admins' commands and stored settings, a few per installation.
		if (canonical.size < 10_000) canonical.set(timeZone, name);
		return name;
	} catch {
		throw new ScheduleError("time-zone-unknown", `"${timeZone}" is not a time zone I know. ${ACCEPTED_TIME_ZONES}`);
	}
}

/** True for a string that names a time zone (used to tell a zone from schedule words). */
export function isTimeZone(text: string): boolean {
	try {
		checkTimeZone(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Offsets by zone and quarter hour. Every transition in the tz database since 1970 falls on a
 * quarter hour, so one lookup serves the whole quarter; the scheduler asks for the same few
 * quarters for thousands of channels, and Intl is the slow part.
 */
const QUARTER_MS = 900_000;
const offsets = new Map<string, number>();

/** The wall time at instant `at` (epoch ms) in the zone. */
export function wallTime(at: number, timeZone: string): number {
	// UTC, the jobs' zone and the default, needs neither the cache nor Intl's zone data.
	if (timeZone === "UTC") return at;
	const key = `${timeZone}|${Math.floor(at / QUARTER_MS)}`;
	let offset = offsets.get(key);
	if (offset === undefined) {
		const start = Math.floor(at / QUARTER_MS) * QUARTER_MS;
		offset = intlWallTime(start, timeZone) - start;
		if (offsets.size > 100_000) offsets.clear();
		offsets.set(key, offset);
	}
	return at + offset;
}

function intlWallTime(at: number, timeZone: string): number {
	const fields: Record<string, number> = {};
	for (const part of formatter(timeZone).formatToParts(at)) {
		if (part.type !== "literal") fields[part.type] = Number(part.value);
	}
	const seconds = Date.UTC(
		fields.year ?? 1970,
		(fields.month ?? 1) - 1,
		fields.day ?? 1,
		fields.hour ?? 0,
		fields.minute ?? 0,
		fields.second ?? 0,
	);
	return seconds + (((at % 1000) + 1000) % 1000);
}

/** The zone's UTC offset at instant `at`, in ms (positive east of Greenwich). */
export function offsetAt(at: number, timeZone: string): number {
	return wallTime(at, timeZone) - at;
}

/**
 * The instant at which the zone's clocks show `wall`. When they show it twice (the hour repeated
 * in autumn), the first time: a drop happens once, not twice. When they never show it (the hour
 * skipped in spring), the instant as far after the gap's start as `wall` is: 02:30 on a
 * spring-forward day becomes 03:30, so the drop happens late rather than never.
 */
export function resolveWallTime(wall: number, timeZone: string): number {
	// Offsets a day either side bracket any one transition; zones never change twice in two days.
	const before = wall - offsetAt(wall - DAY_MS, timeZone);
	const after = wall - offsetAt(wall + DAY_MS, timeZone);
	const exact = [before, after].filter((t) => wallTime(t, timeZone) === wall);
	if (exact.length > 0) return Math.min(...exact);
	return before;
}
