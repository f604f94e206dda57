/** Answer.day: the calendar day in the channel's zone, turning at its midnight to the millisecond. */
import { describe, expect, it } from "vitest";
import { calendarDay } from "../../src/ports/store.ts";

const day = (iso: string, zone: string) => calendarDay(new Date(iso), zone);

describe("calendarDay", () => {
	it("turns at local midnight in zones a quarter or half hour off, asked one after the other", () => {
		expect(day("2026-03-01T18:14:59.999Z", "Asia/Kathmandu")).toBe("2026-03-01");
		expect(day("2026-03-01T18:15:00.000Z", "Asia/Kathmandu")).toBe("2026-03-02");
		expect(day("2026-03-01T18:14:00.000Z", "Asia/Kathmandu")).toBe("2026-03-01");
		expect(day("2026-07-02T02:29:59.999Z", "America/St_Johns")).toBe("2026-07-01");
		expect(day("2026-07-02T02:30:00.000Z", "America/St_Johns")).toBe("2026-07-02");
		expect(day("2026-07-02T02:30:00.000Z", "UTC")).toBe("2026-07-02");
	});

	it("turns at midnight on a day clocks change, and in a zone whose offset once had seconds", () => {
		// Berlin's 29 March 2026 begins an hour ahead of UTC and ends two ahead.
		expect(day("2026-03-28T22:59:59.999Z", "Europe/Berlin")).toBe("2026-03-28");
		expect(day("2026-03-28T23:00:00.000Z", "Europe/Berlin")).toBe("2026-03-29");
		expect(day("2026-03-29T21:59:59.999Z", "Europe/Berlin")).toBe("2026-03-29");
		expect(day("2026-03-29T22:00:00.000Z", "Europe/Berlin")).toBe("2026-03-30");
		// Monrovia was 0:44:30 behind UTC until 1972: its midnight fell in the middle of a minute.
		expect(day("1960-01-02T00:44:29.999Z", "Africa/Monrovia")).toBe("1960-01-01");
		expect(day("1960-01-02T00:44:30.000Z", "Africa/Monrovia")).toBe("1960-01-02");
	});
});
