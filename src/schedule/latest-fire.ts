/**
 * The latest fire of a cron schedule at or before an instant, in a time zone: what the job runner
 * runs when it wakes after several fires have passed (a machine suspend, a clock jump), so that
 * one run serves the latest of them rather than a burst of all. Searched backwards on wall times
 * (see next-fire.ts), so a week asleep costs a few steps, not one per missed fire.
 */
import type { CronSpec } from "./cron-expression.ts";
import { nextFire } from "./next-fire.ts";
import { resolveWallTime, wallTime } from "./time-zone.ts";

/** As far back as next-fire.ts looks forward. */
const SEARCH_YEARS = 30;
/** Bounds both loops below: a repeated or skipped hour holds at most 3600 fires. */
const MAX_STEPS = 4000;

function dayMatches(spec: CronSpec, d: Date): boolean {
	return spec.daysOfMonth[d.getUTCDate()] === true && spec.daysOfWeek[d.getUTCDay()] === true;
}

/** The last wall time at or before `atOrBefore` (inclusive) that the spec matches, or null when none within the search. */
export function previousWallTime(spec: CronSpec, atOrBefore: number): number | null {
	const step = spec.hasSeconds ? 1000 : 60_000;
	let t = Math.floor(atOrBefore / step) * step;
	const limit = atOrBefore - SEARCH_YEARS * 366 * 86_400_000;
	// Each miss jumps to the last step before the unit that did not match (whole units are multiples of `step`).
	while (t >= limit) {
		const d = new Date(t);
		const [y, mo, day, h, mi] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
		if (!spec.months[mo + 1]) t = Date.UTC(y, mo, 1) - step;
		else if (!dayMatches(spec, d)) t = Date.UTC(y, mo, day) - step;
		else if (!spec.hours[h]) t = Date.UTC(y, mo, day, h) - step;
		else if (!spec.minutes[mi]) t = Date.UTC(y, mo, day, h, mi) - step;
		else if (!spec.seconds[d.getUTCSeconds()]) t -= 1000;
		else return t;
	}
	return null;
}

/**
 * The latest instant at or before `atOrBefore` at which the schedule fires in the zone, by the
 * same daylight-saving rules as nextFire; null when it has not fired within the search.
 */
export function latestFire(spec: CronSpec, timeZone: string, atOrBefore: Date): Date | null {
	const now = atOrBefore.getTime();
	let wall = wallTime(now, timeZone);
	let found: number | null = null;
	// A wall time in the hour skipped in spring resolves after the gap, possibly after `now`; and
	// nextFire serves the gap's fires once, at its first: step over those it would not return.
	for (let i = 0; i < MAX_STEPS && found === null; i++) {
		const candidate = previousWallTime(spec, wall);
		if (candidate === null) return null;
		const at = resolveWallTime(candidate, timeZone);
		if (at <= now && nextFire(spec, timeZone, new Date(at - 1))?.getTime() === at) found = at;
		else wall = candidate - 1;
	}
	if (found === null) return null;
	// In the second pass of an hour repeated in autumn the fires of the first pass came later than
	// the wall time found: walk forward, as the runner would have, to the last one not after `now`.
	for (let i = 0; i < MAX_STEPS; i++) {
		const next = nextFire(spec, timeZone, new Date(found));
		if (next === null || next.getTime() > now) break;
		found = next.getTime();
	}
	return new Date(found);
}
