import { describe, expect, it } from "vitest";
import { renderText } from "../../adapters/console/render-text.ts";

describe("console rendering", () => {
	it("drops bold and italic markers but keeps code spans as written", () => {
		const text = renderText({ text: "*Schedule*: `*/15 9-17 * * 1-5` in _Europe/Berlin_" });
		expect(text).toBe("Schedule: `*/15 9-17 * * 1-5` in Europe/Berlin");
	});

	it("numbers buttons from the given start and aligns tables", () => {
		const text = renderText(
			{ table: { columns: ["#", "Episode"], rows: [["1", "Production Mindset"]] }, buttons: [{ action: "a", label: "Go", value: "1" }] },
			3,
		);
		expect(text).toBe("#  Episode\n-  ------------------\n1  Production Mindset\n[3] Go");
	});
});
