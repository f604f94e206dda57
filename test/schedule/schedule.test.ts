import { describe, expect, it } from "vitest";
import { describeSchedule, parseSchedule } from "../../src/schedule/schedule.ts";
import { ScheduleError } from "../../src/schedule/schedule-error.ts";
import { resolveWallTime } from "../../src/schedule/time-zone.ts";
import { fires } from "./fires.ts";

describe("schedules in plain words", () => {
	it.each([
		["mondays 9:00", "0 9 * * 1", "Mondays at 09:00"],
		["every monday at 9am", "0 9 * * 1", "Mondays at 09:00"],
		["weekdays at 09:30", "30 9 * * 1,2,3,4,5", "weekdays at 09:30"],
		["every day at 18:00", "0 18 * * *", "every day at 18:00"],
		["daily at 6:15 pm", "15 18 * * *", "every day at 18:15"],
		["tue, thu at 8am", "0 8 * * 2,4", "Tuesdays and Thursdays at 08:00"],
		["mon-wed 12:00", "0 12 * * 1,2,3", "Mondays, Tuesdays and Wednesdays at 12:00"],
		["weekends at noon", "0 12 * * 0,6", "weekends at 12:00"],
		["every 2 minutes", "*/2 * * * *", "every 2 minutes"],
		["every minute", "* * * * *", "every minute"],
		["every 30 seconds", "*/30 * * * * *", "every 30 seconds"],
		["every 4 hours", "0 */4 * * *", "every 4 hours"],
		["0 9 * * 1", "0 9 * * 1", "Mondays at 09:00"],
		["  0   9 * * MON ", "0 9 * * MON", "Mondays at 09:00"],
	])("reads %j as cron %j (%s)", (text, cron, words) => {
		const schedule = parseSchedule(text, "UTC");
		expect(schedule.cron).toBe(cron);
		expect(describeSchedule(schedule.cron)).toBe(words);
	});

	it.each([
		["mondays 25:00", "is not a schedule I understand"],
		["fortnightly", "is not a schedule I understand"],
		["every 90 minutes", "repeats must divide the hour evenly, so every 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 minutes"],
		["0 9 * *", "a cron expression has 5 fields (or 6 with seconds), this one has 4"],
		["61 * * * *", "the minute must be from 0 to 59, not 61"],
		["0 9 L * *", '"L" is not a valid day of month'],
		["0 9 15W * *", "uses L, W or #"],
		["0 9 30 2 *", "it never fires"],
		["*/0 * * * *", "has a step that is not a positive whole number"],
		["", "The schedule is empty"],
	])("refuses %j, saying why and what is accepted", (text, why) => {
		const failure = (() => {
			try {
				parseSchedule(text, "UTC");
			} catch (error) {
				return error;
			}
			return null;
		})();
		expect(failure).toBeInstanceOf(ScheduleError);
		expect(failure).toMatchObject({ code: "schedule-invalid" });
		expect((failure as Error).message).toContain(why);
		expect((failure as Error).message).toContain('I accept plain words such as "mondays 9:00"');
	});

	it("refuses an unknown time zone with its own code and the accepted form", () => {
		expect(() => parseSchedule("mondays 9:00", "Europe/Atlantis")).toThrow(
			expect.objectContaining({
				code: "time-zone-unknown",
				message: expect.stringContaining('IANA time zone names such as "Europe/Berlin"'),
			}),
		);
		expect(parseSchedule("mondays 9:00", "utc").timeZone).toBe("UTC");
	});
});

describe("next fire", () => {
	it("reads the schedule in the zone's wall time", () => {
		expect(fires("mondays 9:00", "Asia/Tokyo", "2026-01-01T00:00:00Z", 2)).toEqual([
			"2026-01-05T00:00:00.000Z",
			"2026-01-12T00:00:00.000Z",
		]);
		expect(fires("0 9 29 2 *", "UTC", "2026-01-01T00:00:00Z", 2)).toEqual(["2028-02-29T09:00:00.000Z", "2032-02-29T09:00:00.000Z"]);
		expect(fires("every 30 seconds", "UTC", "2026-01-01T00:00:10Z", 2)).toEqual(["2026-01-01T00:00:30.000Z", "2026-01-01T00:01:00.000Z"]);
	});

	it("moves a fire in the skipped spring hour after the gap, once (Berlin, New York)", () => {
		expect(fires("30 2 * * *", "Europe/Berlin", "2026-03-28T00:00:00Z", 3)).toEqual([
			"2026-03-28T01:30:00.000Z",
			"2026-03-29T01:30:00.000Z", // 03:30 CEST: 02:30 does not exist that day
			"2026-03-30T00:30:00.000Z",
		]);
		expect(fires("30 2 * * *", "America/New_York", "2026-03-07T00:00:00Z", 3)).toEqual([
			"2026-03-07T07:30:00.000Z",
			"2026-03-08T07:30:00.000Z", // 03:30 EDT
			"2026-03-09T06:30:00.000Z",
		]);
		// A sub-hourly schedule jumps the gap without firing twice at its end.
		expect(fires("*/20 * * * *", "Europe/Berlin", "2026-03-29T00:30:00Z", 4)).toEqual([
			"2026-03-29T00:40:00.000Z",
			"2026-03-29T01:00:00.000Z",
			"2026-03-29T01:20:00.000Z",
			"2026-03-29T01:40:00.000Z",
		]);
	});

	it("fires once in the repeated autumn hour, in its first pass", () => {
		expect(fires("30 2 * * *", "Europe/Berlin", "2026-10-24T00:00:00Z", 3)).toEqual([
			"2026-10-24T00:30:00.000Z",
			"2026-10-25T00:30:00.000Z", // 02:30 CEST, not again at 02:30 CET (01:30Z)
			"2026-10-26T01:30:00.000Z",
		]);
		// Asked from inside the second pass, the first pass is already over: the next day.
		expect(fires("30 1 * * *", "America/New_York", "2026-11-01T06:10:00Z", 1)).toEqual(["2026-11-02T06:30:00.000Z"]);
		expect(resolveWallTime(Date.UTC(2026, 10, 1, 1, 30), "America/New_York")).toBe(Date.parse("2026-11-01T05:30:00Z"));
	});
});
