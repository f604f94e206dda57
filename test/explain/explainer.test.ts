import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.ts";
import { mainCourse } from "../helpers/course.ts";

describe("Explainer", () => {
	const explainer = new Explainer(mainCourse());

	it("answers exit code 137 from Episode 2 with how to diagnose and fix it", () => {
		const answer = explainer.explain("why exit code 137?");
		expect(answer.answered).toBe(true);
		expect(answer.episode).toBe(2);
		expect(answer.episodeTitle).toBe("Resource Management");
		expect(answer.diagnose?.length).toBeGreaterThan(0);
		expect(answer.fix?.length).toBeGreaterThan(0);
		expect(answer.section?.id).toMatch(/^ep2-/);
	});

	it("finds the term through a typo", () => {
		expect(explainer.explain("crashloopbakoff").term).toBe("crashloopbackoff");
		expect(explainer.explain("what is a statefullset").term).toBe("statefulset");
	});

	it("recognises error lines that kubectl and events print", () => {
		expect(explainer.explain("Back-off restarting failed container").term).toBe("crashloopbackoff");
		expect(explainer.explain("0/3 nodes are available: 3 Insufficient memory.").term).toBe("pending-pod");
	});

	it("declines what the course does not cover, with close topics instead of a guess", () => {
		const answer = explainer.explain("how do I bake sourdough bread");
		expect(answer).toMatchObject({ answered: false, episode: null, title: "Not in the course" });
		expect(answer.text).toContain("won't guess");
		expect(answer.suggestions?.length).toBeGreaterThan(0);
	});

	it("keeps the CLI contract fields on every answer", () => {
		for (const question of ["OOMKilled", "terraform state locking", ""]) {
			const answer = explainer.explain(question);
			expect(typeof answer.answered).toBe("boolean");
			expect(answer.episode === null || typeof answer.episode === "number").toBe(true);
			expect(typeof answer.title).toBe("string");
			expect(typeof answer.text).toBe("string");
		}
	});
});
