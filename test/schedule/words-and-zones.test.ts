/**
 * Schedules as people type them, cron edge cases, and zones with 30/45-minute offsets and
 * southern-hemisphere or 30-minute daylight saving. Fires are computed, never waited for.
 */
import { describe, expect, it } from "vitest";
import { describeSchedule, parseSchedule } from "../../src/schedule/schedule.ts";
import { checkTimeZone } from "../../src/schedule/time-zone.ts";
import { fires } from "./fires.ts";

function refusal(text: string): string {
	try {
		parseSchedule(text, "UTC");
	} catch (error) {
		return (error as Error).message;
	}
	return "(accepted)";
}

describe("phrases a user types", () => {
	it.each([
		// A bare hour after "at" is an hour: these were refused as "not a schedule I understand".
		["every monday at 9", "0 9 * * 1", "Mondays at 09:00"],
		["every day at 9", "0 9 * * *", "every day at 09:00"],
		["weekdays 9am", "0 9 * * 1,2,3,4,5", "weekdays at 09:00"],
		["Tuesdays and Thursdays at 14:30", "30 14 * * 2,4", "Tuesdays and Thursdays at 14:30"],
		["daily at noon", "0 12 * * *", "every day at 12:00"],
		["Monday at 9 AM", "0 9 * * 1", "Mondays at 09:00"],
		["sat-mon 10:00", "0 10 * * 0,1,6", "Mondays, Saturdays and Sundays at 10:00"],
		["Monday to Friday at 8:30", "30 8 * * 1,2,3,4,5", "weekdays at 08:30"],
		["every Monday @ 9", "0 9 * * 1", "Mondays at 09:00"],
	])("reads %j as %j (%s)", (text, cron, words) => {
		const schedule = parseSchedule(text, "UTC");
		expect(schedule.cron).toBe(cron);
		expect(describeSchedule(schedule.cron)).toBe(words);
	});

	it("refuses repeats cron cannot keep evenly, naming the ones it can", () => {
		// "*/7" minutes fires at :56 and again at :00; "*/5" hours at 20:00 and again at 00:00.
		expect(refusal("every 7 minutes")).toContain(
			'"every 7 minutes" is not a schedule I can keep: repeats must divide the hour evenly, so every 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 minutes.',
		);
		expect(refusal("every 5 hours")).toContain("repeats must divide the day evenly, so every 1, 2, 3, 4, 6, 8 or 12 hours.");
		expect(refusal("every 45 seconds")).toContain("repeats must divide the minute evenly");
		expect(fires("every 15 minutes", "UTC", "2026-01-01T00:50:00Z", 2)).toEqual(["2026-01-01T01:00:00.000Z", "2026-01-01T01:15:00.000Z"]);
	});

	it("refuses what it cannot read, with what it accepts, and never reads a stray number as an hour", () => {
		for (const text of ["every 2 mondays", "mondays 9:00 and fridays 17:00", "every other monday", "monday 9"]) {
			expect(refusal(text)).toContain(`"${text}" is not a schedule I understand. I accept plain words such as "mondays 9:00"`);
		}
	});
});

describe("cron edge cases", () => {
	it("skips months without a 31st, finds 29 February, restarts */7 each hour, steps a range", () => {
		expect(fires("0 9 31 * *", "UTC", "2026-01-31T10:00:00Z", 3)).toEqual([
			"2026-03-31T09:00:00.000Z",
			"2026-05-31T09:00:00.000Z",
			"2026-07-31T09:00:00.000Z",
		]);
		expect(fires("0 9 29 2 *", "UTC", "2027-06-01T00:00:00Z", 1)).toEqual(["2028-02-29T09:00:00.000Z"]);
		expect(fires("*/7 * * * *", "UTC", "2026-01-01T00:50:00Z", 3)).toEqual([
			"2026-01-01T00:56:00.000Z",
			"2026-01-01T01:00:00.000Z",
			"2026-01-01T01:07:00.000Z",
		]);
		// So it is not described as "every 7 minutes".
		expect(describeSchedule("*/7 * * * *")).toBe("cron `*/7 * * * *`");
		expect(fires("0 10-20/3 * * *", "UTC", "2026-01-01T00:00:00Z", 5).map((t) => t.slice(11, 16))).toEqual([
			"10:00",
			"13:00",
			"16:00",
			"19:00",
			"10:00",
		]);
	});

	it("reads weekday names and ranges, and Sunday as 0 or 7", () => {
		// 1 January 2026 is a Thursday.
		expect(fires("0 9 * * MON-FRI", "UTC", "2026-01-01T10:00:00Z", 2)).toEqual(["2026-01-02T09:00:00.000Z", "2026-01-05T09:00:00.000Z"]);
		expect(describeSchedule("0 9 * * MON-FRI")).toBe("weekdays at 09:00");
		for (const sunday of ["0", "7", "sun", "SUN"]) {
			expect(fires(`0 9 * * ${sunday}`, "UTC", "2026-01-01T00:00:00Z", 1)).toEqual(["2026-01-04T09:00:00.000Z"]);
			expect(describeSchedule(`0 9 * * ${sunday}`)).toBe("Sundays at 09:00");
		}
		expect(describeSchedule("0 9 * * monday,FRIDAY")).toBe("Mondays and Fridays at 09:00");
		expect(fires("0 9 1 january *", "UTC", "2026-01-02T00:00:00Z", 1)).toEqual(["2027-01-01T09:00:00.000Z"]);
		// A word that only starts like a day is a mistake, not Monday.
		expect(refusal("0 9 * * monkey")).toContain('"monkey" is not a valid day of week');
		expect(fires("0 9 * * 5-7", "UTC", "2026-01-01T10:00:00Z", 3).map((t) => t.slice(0, 10))).toEqual([
			"2026-01-02",
			"2026-01-03",
			"2026-01-04",
		]);
	});
});

describe("zones with odd offsets and daylight saving", () => {
	it("keeps the zone name the user typed (no Asia/Calcutta for Asia/Kolkata), fixing only its case", () => {
		expect(parseSchedule("mondays 9:00", "Asia/Kolkata").timeZone).toBe("Asia/Kolkata");
		expect(parseSchedule("mondays 9:00", "Europe/Kyiv").timeZone).toBe("Europe/Kyiv");
		expect(parseSchedule("mondays 9:00", "asia/kathmandu").timeZone).toBe("Asia/Kathmandu");
		expect(parseSchedule("mondays 9:00", "europe/berlin").timeZone).toBe("Europe/Berlin");
		expect(parseSchedule("mondays 9:00", "Etc/UTC").timeZone).toBe("Etc/UTC");
	});

	it("fires at 09:00 in Kolkata (+05:30) and Kathmandu (+05:45)", () => {
		expect(fires("mondays 9:00", "Asia/Kolkata", "2026-01-01T00:00:00Z", 1)).toEqual(["2026-01-05T03:30:00.000Z"]);
		expect(fires("mondays 9:00", "Asia/Kathmandu", "2026-01-01T00:00:00Z", 1)).toEqual(["2026-01-05T03:15:00.000Z"]);
		expect(fires("every day at midnight", "Asia/Kathmandu", "2026-01-01T00:00:00Z", 1)).toEqual(["2026-01-01T18:15:00.000Z"]);
	});

	it("Lord Howe's 30-minute change: 02:15 in the skipped half hour goes at 02:45, 01:45 in the repeated one once", () => {
		// 4 October 2026 02:00 (+10:30) becomes 02:30 (+11).
		expect(fires("15 2 * * *", "Australia/Lord_Howe", "2026-10-02T00:00:00Z", 3)).toEqual([
			"2026-10-02T15:45:00.000Z",
			"2026-10-03T15:45:00.000Z", // 02:45 +11
			"2026-10-04T15:15:00.000Z",
		]);
		// 5 April 2026 02:00 (+11) goes back to 01:30 (+10:30): 01:45 happens twice, the drop once.
		expect(fires("45 1 * * *", "Australia/Lord_Howe", "2026-04-03T00:00:00Z", 3)).toEqual([
			"2026-04-03T14:45:00.000Z",
			"2026-04-04T14:45:00.000Z",
			"2026-04-05T15:15:00.000Z",
		]);
	});

	it("Sydney: forward in October, back in April, neither skipped nor doubled", () => {
		expect(fires("30 2 * * *", "Australia/Sydney", "2026-10-02T00:00:00Z", 3)).toEqual([
			"2026-10-02T16:30:00.000Z",
			"2026-10-03T16:30:00.000Z", // 4 October: 03:30 AEDT, 02:30 does not exist
			"2026-10-04T15:30:00.000Z",
		]);
		expect(fires("30 2 * * *", "Australia/Sydney", "2026-04-03T00:00:00Z", 3)).toEqual([
			"2026-04-03T15:30:00.000Z",
			"2026-04-04T15:30:00.000Z", // 5 April: the first 02:30 (AEDT) only
			"2026-04-05T16:30:00.000Z",
		]);
	});
});

describe("the default zone", () => {
	it("is kept as Intl resolves it, without asking Intl", () => {
		expect(checkTimeZone("UTC")).toBe(new Intl.DateTimeFormat("en-US", { timeZone: "UTC" }).resolvedOptions().timeZone);
		expect(checkTimeZone("utc")).toBe("UTC");
	});
});
