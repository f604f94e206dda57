import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/readiness/checks/catalog.ts";
import { EVALUATORS } from "../../src/readiness/checks/registry.ts";
import { COMPLETE_ITEMS } from "../../src/readiness/checks/types.ts";
import { mainCourse } from "../helpers/course.ts";

/** The glossary of the shipped course pack: a finding's `/explain <term>` must land on one of its ids. */
const GLOSSARY = new Set(mainCourse().glossary.map((term) => term.id));

describe("check catalog", () => {
	it("pairs every check with an evaluator and every evaluator with a check", () => {
		expect(Object.keys(EVALUATORS).sort()).toEqual(CHECKS.map((c) => c.id).sort());
	});

	it("has unique ids prefixed by a checklist item, and links each to a glossary term", () => {
		expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
		for (const check of CHECKS) {
			expect(COMPLETE_ITEMS).toContain(check.item);
			expect(check.id.startsWith(check.item)).toBe(true);
			expect(GLOSSARY.has(check.term), `${check.id} links to unknown term ${check.term}`).toBe(true);
			expect(check.episode).toBeGreaterThanOrEqual(1);
			expect(check.episode).toBeLessThanOrEqual(10);
			expect(check.appliesTo.length).toBeGreaterThan(0);
		}
	});

	it("covers every checklist item", () => {
		expect(new Set(CHECKS.map((c) => c.item))).toEqual(new Set(COMPLETE_ITEMS));
	});
});
