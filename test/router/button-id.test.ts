import { describe, expect, it } from "vitest";
import { ButtonIdError, buttonIds, decodeButtonId, encodeButtonId, MAX_BUTTON_ID_LENGTH } from "../../src/router/button-id.ts";

describe("button ids", () => {
	it("round-trip an action and any value, and stay unique within a reply", () => {
		const buttons = [
			{ action: "explain", value: "oomkilled" },
			{ action: "explain", value: "oomkilled" },
			{ action: "quiz-post", value: "e1-m5x8k2-recall-1-attempt-2:3" },
			{ action: "quiz", value: "a|b%c d/é\u0000" },
			{ action: "quiz", value: "" },
		];
		const ids = buttonIds(buttons);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.map(decodeButtonId)).toEqual(buttons);
		for (const id of ids) expect(id).toMatch(/^[\x21-\x7e]{1,100}$/);
	});

	it("refuse to make an id over 100 characters or with an action that is not a short name", () => {
		expect(encodeButtonId({ action: "explain", value: "x".repeat(86) })).toHaveLength(MAX_BUTTON_ID_LENGTH);
		expect(() => encodeButtonId({ action: "explain", value: "x".repeat(87) })).toThrow(ButtonIdError);
		expect(() => encodeButtonId({ action: "Quiz Me", value: "1" })).toThrow(/not a short lower-case name/);
	});

	it("decode garbage, another app's ids and tampered ones to null", () => {
		for (const id of [
			"",
			"hello",
			"quiz_answer:q1:B",
			"kc1|0|explain",
			"kc2|0|explain|x",
			"kc1|zzz|explain|x",
			"kc1|0|Explain|x",
			"kc1|0|explain|%E0%A4%A",
			"kc1|0|explain|a b",
			`kc1|0|explain|${"x".repeat(100)}`,
		]) {
			expect(decodeButtonId(id)).toBeNull();
		}
	});
});
