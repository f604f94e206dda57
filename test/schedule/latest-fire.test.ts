import { describe, expect, it } from "vitest";
import { parseCron } from "../../src/schedule/cron-expression.ts";
import { latestFire, previousWallTime } from "../../src/schedule/latest-fire.ts";
import { nextFire } from "../../src/schedule/next-fire.ts";

function latest(cron: string, timeZone: string, at: string): string | undefined {
	return latestFire(parseCron(cron), timeZone, new Date(at))?.toISOString();
}

/** Every fire from `from` to `to` by walking nextFire forward: slow, but plainly right. */
function walked(cron: string, timeZone: string, from: number, to: number): number[] {
	const spec = parseCron(cron);
	const out: number[] = [];
	for (let next = nextFire(spec, timeZone, new Date(from)); next !== null && next.getTime() <= to; next = nextFire(spec, timeZone, next)) {
		out.push(next.getTime());
	}
	return out;
}

describe("latestFire", () => {
	it.each([
		["*/15 * * * *", "UTC", "2026-06-10T10:07:30.000Z", "2026-06-10T10:00:00.000Z"],
		["*/15 * * * *", "UTC", "2026-06-10T10:15:00.000Z", "2026-06-10T10:15:00.000Z"],
		["*/15 * * * *", "UTC", "2026-06-10T10:14:59.999Z", "2026-06-10T10:00:00.000Z"],
		["*/10 * * * * *", "UTC", "2026-06-10T10:00:25.500Z", "2026-06-10T10:00:20.000Z"],
		["* * * * * *", "UTC", "2026-06-10T10:00:25.500Z", "2026-06-10T10:00:25.000Z"],
		// Wednesday 10 June: Monday 8 June 09:00 in Berlin (CEST, UTC+2).
		["0 9 * * 1", "Europe/Berlin", "2026-06-10T12:00:00.000Z", "2026-06-08T07:00:00.000Z"],
		["0 9 * * mon", "Asia/Kolkata", "2026-06-08T03:29:00.000Z", "2026-06-01T03:30:00.000Z"],
		["0 0 29 2 *", "UTC", "2026-06-10T00:00:00.000Z", "2024-02-29T00:00:00.000Z"],
		["0 12 1 jan,jul *", "America/New_York", "2026-06-10T00:00:00.000Z", "2026-01-01T17:00:00.000Z"],
	])("%s in %s at %s is %s", (cron, zone, at, expected) => {
		expect(latest(cron, zone, at)).toBe(expected);
	});

	it("serves the hour repeated in autumn in its first pass, as nextFire does", () => {
		// Berlin, 25 October 2026: 02:00-03:00 comes twice, first at UTC+2 (00:00-01:00Z), then at UTC+1.
		// At 02:10:30 of the second pass the last fire was 02:59 of the first, not 02:10.
		expect(latest("* * * * *", "Europe/Berlin", "2026-10-25T01:10:30.000Z")).toBe("2026-10-25T00:59:00.000Z");
		expect(latest("15 2 * * *", "Europe/Berlin", "2026-10-25T01:20:00.000Z")).toBe("2026-10-25T00:15:00.000Z");
	});

	it("moves a fire in the hour skipped in spring after the gap, as nextFire does", () => {
		// Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST (01:00Z); 02:30 fires at 03:30 CEST (01:30Z).
		expect(latest("30 2 * * *", "Europe/Berlin", "2026-03-29T01:10:00.000Z")).toBe("2026-03-28T01:30:00.000Z");
		expect(latest("30 2 * * *", "Europe/Berlin", "2026-03-29T01:30:00.000Z")).toBe("2026-03-29T01:30:00.000Z");
		// Sydney, 4 October 2026: 02:00 AEST becomes 03:00 AEDT (16:00Z); 02:00, 02:20 and 02:40 fire once, at 03:00.
		expect(latest("*/20 2 * * *", "Australia/Sydney", "2026-10-03T16:50:00.000Z")).toBe("2026-10-03T16:00:00.000Z");
	});

	it.each([
		["* * * * *", "Europe/Berlin", "2026-03-28T22:00:00.000Z"],
		["*/7 1-3 * * *", "Europe/Berlin", "2026-10-24T22:00:00.000Z"],
		["30 2 * * *", "America/New_York", "2026-03-07T00:00:00.000Z"],
		["0,30 1 * * *", "America/New_York", "2026-10-31T00:00:00.000Z"],
		["15,45 1,2 * * *", "Australia/Lord_Howe", "2026-04-03T00:00:00.000Z"],
		["*/20 2 * * *", "Australia/Sydney", "2026-10-02T00:00:00.000Z"],
		["*/10 * 2 * * *", "Australia/Sydney", "2026-10-02T00:00:00.000Z"],
		["0 9 * * 1-5", "Asia/Kathmandu", "2026-06-01T00:00:00.000Z"],
	])("agrees with walking nextFire forward: %s in %s, over two days from %s", (cron, zone, from) => {
		const start = new Date(from).getTime();
		const end = start + 2 * 86_400_000;
		const fires = walked(cron, zone, start - 8 * 86_400_000, end);
		for (let at = start + 60_000; at < end; at += 7 * 60_000 + 13_000) {
			const expected = fires.filter((f) => f <= at).at(-1);
			const iso = new Date(at).toISOString();
			expect([iso, latest(cron, zone, iso)]).toEqual([iso, expected === undefined ? undefined : new Date(expected).toISOString()]);
		}
	});

	it("finds the previous matching wall time, inclusive, with seconds or without", () => {
		expect(previousWallTime(parseCron("0 9 * * 1"), Date.UTC(2026, 5, 8, 9, 0))).toBe(Date.UTC(2026, 5, 8, 9, 0));
		expect(previousWallTime(parseCron("0 9 * * 1"), Date.UTC(2026, 5, 8, 8, 59))).toBe(Date.UTC(2026, 5, 1, 9, 0));
		expect(previousWallTime(parseCron("30 */5 * * * *"), Date.UTC(2026, 0, 1, 0, 0, 10))).toBe(Date.UTC(2025, 11, 31, 23, 55, 30));
		expect(previousWallTime(parseCron("0 0 31 * *"), Date.UTC(2026, 4, 30))).toBe(Date.UTC(2026, 2, 31));
	});
});
