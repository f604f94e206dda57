import { describe, expect, it } from "vitest";
import { splitScheduleArgs } from "../../src/channel-course/schedule-args.ts";

describe("the arguments of /course schedule", () => {
	it.each([
		['"mondays 9:00" Europe/Berlin', { schedule: "mondays 9:00", timeZone: "Europe/Berlin" }],
		["“mondays 9:00” Asia/Tokyo", { schedule: "mondays 9:00", timeZone: "Asia/Tokyo" }],
		["'weekdays 9am' in Asia/Kolkata", { schedule: "weekdays 9am", timeZone: "Asia/Kolkata" }],
		["every monday at 9 in Europe/Kyiv", { schedule: "every monday at 9", timeZone: "Europe/Kyiv" }],
		["0 9 * * 1 UTC", { schedule: "0 9 * * 1", timeZone: "UTC" }],
		["Australia/Lord_Howe", { schedule: "", timeZone: "Australia/Lord_Howe" }],
		["Mars/Olympus", { schedule: "", timeZone: "Mars/Olympus" }],
		// A cron step is not a zone: this was split into "0 9 * *" and the zone "*/2".
		["0 9 * * */2", { schedule: "0 9 * * */2" }],
		["0 9 * * 1/2", { schedule: "0 9 * * 1/2" }],
		['"0 9 * * 1"', { schedule: "0 9 * * 1" }],
	])("splits %j", (text, expected) => {
		expect(splitScheduleArgs(text)).toEqual(expected);
	});
});
