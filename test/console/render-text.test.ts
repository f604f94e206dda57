import { describe, expect, it } from "vitest";
import { renderText } from "../../adapters/console/render-text.ts";

describe("console rendering", () => {
	it("drops bold and italic markers but keeps code spans as written", () => {
		const text = renderText({ text: '*Schedule*: `*/15 9-17 * * 1-5` in _Europe/Berlin_, cron "*/7 * * * *"' });
		expect(text).toBe('Schedule: `*/15 9-17 * * 1-5` in Europe/Berlin, cron "*/7 * * * *"');
	});

	it("indents code blocks, shows link addresses and neutralises terminal control characters", () => {
		const text = renderText({ text: "Run:\n```\nkubectl get pods\n```\nSee [the docs](https://kubernetes.io/docs/).\n\u001b[2Jgone?" });
		expect(text).toBe("Run:\n    kubectl get pods\nSee the docs <https://kubernetes.io/docs/>.\n\ufffd[2Jgone?");
	});

	it("numbers buttons as told and aligns tables", () => {
		const text = renderText(
			{ table: { columns: ["#", "Episode"], rows: [["1", "Production Mindset"]] }, buttons: [{ action: "a", label: "Go", value: "1" }] },
			{ buttonNumbers: [3] },
		);
		expect(text).toBe("#  Episode\n-  ------------------\n1  Production Mindset\n[3] Go");
	});
});
