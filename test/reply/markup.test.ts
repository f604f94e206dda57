import { describe, expect, it } from "vitest";
import { codeSpan, escapeMarkup, type MarkupToken, parseMarkup, plainText } from "../../src/reply/markup.ts";

const text = (t: string): MarkupToken => ({ kind: "text", text: t });

describe("reply markup", () => {
	it("keeps cron expressions verbatim, in code and in plain text", () => {
		expect(parseMarkup('New schedule: `*/7 * * * *` and cron "*/7 * * * *".')).toEqual([
			text("New schedule: "),
			{ kind: "code", text: "*/7 * * * *" },
			text(' and cron "*/7 * * * *".'),
		]);
		expect(plainText(parseMarkup("a * b * c, snake_case_name, 2*3*4, */15"))).toBe("a * b * c, snake_case_name, 2*3*4, */15");
	});

	it("reads bold, italic, code, links and line breaks", () => {
		expect(parseMarkup("• `Deployment/reports` *rbac*: bound _Fix:_ see [the docs](https://kubernetes.io/docs/a_b)\nnext")).toEqual([
			text("• "),
			{ kind: "code", text: "Deployment/reports" },
			text(" "),
			{ kind: "bold", text: "rbac" },
			text(": bound "),
			{ kind: "italic", text: "Fix:" },
			text(" see "),
			{ kind: "link", label: "the docs", url: "https://kubernetes.io/docs/a_b" },
			{ kind: "lineBreak" },
			text("next"),
		]);
	});

	it("reads fenced code blocks with their language and keeps their lines", () => {
		expect(parseMarkup("Apply:\n```yaml\nkind: Pod\n  name: *x*\n```\ndone")).toEqual([
			text("Apply:"),
			{ kind: "lineBreak" },
			{ kind: "codeBlock", language: "yaml", text: "kind: Pod\n  name: *x*" },
			{ kind: "lineBreak" },
			text("done"),
		]);
		expect(parseMarkup("```\nopen to the end")).toEqual([{ kind: "codeBlock", text: "open to the end" }]);
	});

	it("leaves unmatched marks as text, and bold does not cross code", () => {
		expect(parseMarkup("*a `b* c`")).toEqual([text("*a "), { kind: "code", text: "b* c" }]);
		expect(parseMarkup("an ` alone, a [label] (no link), [x](javascript:alert(1))")).toEqual([
			text("an ` alone, a [label] (no link), [x](javascript:alert(1))"),
		]);
	});

	it("escapes and code spans round-trip any text", () => {
		for (const raw of ["*/7 * * * *", "a_b_c *x* `y` [z](https://e.com) \\ ~", "``double`` and `single`", "`edge`"]) {
			expect(plainText(parseMarkup(escapeMarkup(raw)))).toBe(raw);
			const [code] = parseMarkup(codeSpan(raw));
			expect(code?.kind).toBe("code");
			expect(code?.kind === "code" && code.text.trim()).toBe(raw);
		}
	});

	it("parses a long line of unmatched marks without losing any (a quadratic parser would not finish)", () => {
		const hostile = ["*a ".repeat(50_000), "``", " _b".repeat(50_000), "_".repeat(100_000)].join("");
		const result = plainText(parseMarkup(hostile));
		expect(result.length).toBe(hostile.length);
		expect(result === hostile).toBe(true);
	});
});
