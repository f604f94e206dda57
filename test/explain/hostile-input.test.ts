import { randomBytes } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { ExplainIndex } from "../../src/explain/explain-index.ts";
import { Explainer } from "../../src/explain/explainer.ts";
import { MAX_QUESTION_CHARS, normalizeQuestion } from "../../src/explain/normalize.ts";
import { MAX_TOKEN_CHARS } from "../../src/explain/text.ts";
import { mainCourse } from "../helpers/course.ts";

// Anyone in a channel can send anything. Each of these used to cost gigabytes or tens of seconds
// (a quadratic typo table on one long word); now every input is cut to a bounded size before any
// matching, so the work is bounded by those sizes, which is what these tests count.
const HOSTILE: Record<string, string> = {
	"a 100,000-letter word": "a".repeat(100_000),
	"a 100,000-letter word of Kubernetes letters": "crashloopbackoff".repeat(6_250),
	"a 1 MB line": `pod OOMKilled ${"restarting ".repeat(95_000)}`,
	"1 MB of binary garbage": randomBytes(1_000_000).toString("latin1"),
	"1 MB of one repeated camel-case word": "KubePodNotReady".repeat(70_000),
};

describe("explain on hostile input", () => {
	const course = mainCourse();
	const explainer = new Explainer(course);
	const index = new ExplainIndex(course);

	for (const [what, input] of Object.entries(HOSTILE)) {
		it(`answers ${what} once, reading a bounded part of it`, () => {
			const answer = explainer.explain(input);
			expect(typeof answer.answered).toBe("boolean");
			expect(typeof answer.text).toBe("string");
			expect(answer.text.length).toBeLessThan(2_000);

			expect(normalizeQuestion(input).length).toBeLessThanOrEqual(MAX_QUESTION_CHARS + 64);
			const { words } = index.rank(input);
			expect(words.length).toBeLessThanOrEqual(48);
			for (const word of words) expect(word.length).toBeLessThanOrEqual(MAX_TOKEN_CHARS);
		});
	}

	it("keeps its memory flat over many hostile questions", () => {
		// What stays after a full collection, so garbage not yet collected does not count.
		setFlagsFromString("--expose-gc");
		const collect = runInNewContext("gc") as () => void;
		for (const input of Object.values(HOSTILE)) explainer.explain(input);
		collect();
		const before = process.memoryUsage().heapUsed;
		for (let round = 0; round < 10; round++) for (const input of Object.values(HOSTILE)) explainer.explain(input);
		collect();
		// Ten rounds of five inputs of up to a megabyte each: without the bound this grew by gigabytes.
		expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 1024 * 1024);
	});

	it("still answers a real question hidden at the start of a long paste", () => {
		const paste = `Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137\n${"noise line\n".repeat(50_000)}`;
		expect(["oomkilled", "exit-code-137"]).toContain(explainer.explain(paste).term);
	});
});
