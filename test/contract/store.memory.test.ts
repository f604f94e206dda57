import { describe, expect, it } from "vitest";
import { calendarDay, dayNumber, StoreUnavailableError } from "../../src/ports/store.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { answer, storeContract } from "./store.contract.ts";

storeContract({
	name: "in-memory fake",
	makeStore: async () => new MemoryStore(),
	teardown: (store) => store.close(),
});

describe("MemoryStore extras", () => {
	it("fails every call with StoreUnavailableError while unavailable, with a message the bot can show", async () => {
		const store = new MemoryStore();
		store.unavailable = true;
		const failure = await store.recordAnswer(answer("a", "slack:T1:U1", "2026-01-06T10:00:00Z")).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(StoreUnavailableError);
		expect(failure).toMatchObject({ code: "store-unavailable", message: "I could not record your answer, please press again." });
		store.unavailable = false;
		expect(await store.listQuizAnswers("slack:T1:C1", "a")).toEqual([]);
	});
});

describe("calendar days", () => {
	it("takes the day in the given time zone and counts days since 1970", () => {
		expect(calendarDay(new Date("2026-01-05T23:30:00Z"), "Asia/Tokyo")).toBe("2026-01-06");
		expect(calendarDay(new Date("2026-01-05T23:30:00Z"), "UTC")).toBe("2026-01-05");
		expect(dayNumber("1970-01-02")).toBe(1);
		expect(dayNumber("2026-03-01") - dayNumber("2026-02-28")).toBe(1);
		expect(() => dayNumber("5 Jan")).toThrow(RangeError);
	});
});
