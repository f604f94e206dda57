/**
 * When a cron schedule fires next, in a time zone, DST included. The search runs on wall times
 * (see time-zone.ts), where every day has 24 hours, and only the result is turned into an
 * instant: so a fire in the hour skipped in spring is moved after the gap (once), and a fire in
 * the hour repeated in autumn happens in its first pass (once).
 */
import type { CronSpec } from "./cron-expression.ts";
import { resolveWallTime, wallTime } from "./time-zone.ts";

/** Far enough for any satisfiable expression (29 February on a given weekday repeats within 28 years). */
const SEARCH_YEARS = 30;

function dayMatches(spec: CronSpec, d: Date): boolean {
	return spec.daysOfMonth[d.getUTCDate()] === true && spec.daysOfWeek[d.getUTCDay()] === true;
}

/** The first wall time after `after` (exclusive) that the spec matches, or null when none within the search. */
export function nextWallTime(spec: CronSpec, after: number): number | null {
	const step = spec.hasSeconds ? 1000 : 60_000;
	let t = Math.floor(after / step) * step + step;
	const limit = after + SEARCH_YEARS * 366 * 86_400_000;
	while (t <= limit) {
		const d = new Date(t);
		const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
		if (!spec.months[mo + 1]) t = Date.UTC(y, mo + 1, 1);
		else if (!dayMatches(spec, d)) t = Date.UTC(y, mo, day + 1);
		else if (!spec.hours[h]) t = Date.UTC(y, mo, day, h + 1);
		else if (!spec.minutes[mi]) t = Date.UTC(y, mo, day, h, mi + 1);
		else if (!spec.seconds[d.getUTCSeconds()]) t += 1000;
		else return t;
	}
	return null;
}

/** The first instant after `after` (exclusive) at which the schedule fires in the zone; null if never. */
export function nextFire(spec: CronSpec, timeZone: string, after: Date): Date | null {
	let wall = wallTime(after.getTime(), timeZone);
	// A wall time whose instant is not after `after` was already served in the first pass of a
	// repeated hour: step over it. Bounded, as a repeated hour holds at most 3600 fires.
	for (let i = 0; i < 4000; i++) {
		const next = nextWallTime(spec, wall);
		if (next === null) return null;
		const at = resolveWallTime(next, timeZone);
		if (at > after.getTime()) return new Date(at);
		wall = next;
	}
	return null;
}
