/** The stores' record format: dates anywhere in a record survive a round trip, everything else is JSON's. */
import { describe, expect, it } from "vitest";
import { decodeJson, encodeJson } from "../../src/json-with-dates.ts";

describe("JSON with dates", () => {
	it("brings back every date as a Date, however deep, beside plain values", () => {
		const answeredAt = new Date("2026-12-05T09:30:00.123Z");
		const record = {
			answeredAt,
			card: { due: new Date(0), last_review: answeredAt, stability: 2.5, state: 1 },
			history: [answeredAt, { at: answeredAt, note: "x" }, 3, null, "text"],
			day: "2026-12-05",
		};
		const text = encodeJson(record);
		expect(JSON.parse(text).answeredAt).toEqual({ $date: answeredAt.getTime() });
		const back = decodeJson(text) as typeof record;
		expect(back).toEqual(record);
		expect(back.card.due).toBeInstanceOf(Date);
		expect((back.history[1] as { at: Date }).at).toBeInstanceOf(Date);
	});

	it("writes what JSON.stringify writes for everything that is not a date", () => {
		const value = { a: undefined, b: () => 1, c: Symbol("s"), d: [undefined, 1], e: { toJSON: () => "custom" }, f: Number.NaN, g: "é\n" };
		expect(encodeJson(value)).toBe(JSON.stringify(value));
		expect(encodeJson(JSON.parse('{"__proto__":{"x":1},"y":2}'))).toBe('{"__proto__":{"x":1},"y":2}');
	});

	it("keeps a parsed __proto__ field a field, with dates inside it revived", () => {
		const back = decodeJson('{"__proto__":{"$date":5},"y":{"$date":7}}') as Record<string, unknown>;
		expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
		expect(Object.keys(back)).toEqual(["__proto__", "y"]);
		expect(back.y).toEqual(new Date(7));
	});
});
