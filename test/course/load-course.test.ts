import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CourseContentError } from "../../src/course/course-content-error.ts";
import { loadCourse, loadCourses } from "../../src/course/load-course.ts";
import { mainCourse, mainPackDir, tinyPackDir } from "../helpers/course.ts";

describe("the shipped course pack", () => {
	const course = mainCourse();

	it("has the ten episodes with the titles DESIGN.md settles", () => {
		expect(course.episodes.map((e) => e.title)).toEqual([
			"Production Mindset",
			"Resource Management",
			"RBAC and Secrets",
			"Troubleshooting and Health Checks",
			"Stateful Workloads",
			"Networking",
			"Observability",
			"Cost Optimization",
			"GitOps and Deployments",
			"Multi-Cluster Management",
		]);
		expect(course.episodes.filter((e) => e.depth === "complete").map((e) => e.number)).toEqual([1, 10]);
	});

	it("holds the six core checklist items in Episode 1's order, and the complete profile as a superset", () => {
		const core = course.checklist.filter((i) => i.profile === "core").sort((a, b) => a.order - b.order);
		expect(core.map((i) => i.id)).toEqual(["resources", "health", "rbac", "replicas", "observability", "security"]);
		expect(
			course.checklist
				.filter((i) => i.profile === "complete")
				.map((i) => i.id)
				.sort(),
		).toEqual(["backups", "gitops", "policy", "quota"]);
	});

	it("holds the five failure patterns", () => {
		expect(course.failurePatterns.map((p) => p.id).sort()).toEqual([
			"missing-health-checks",
			"networking-failures",
			"oom-killed",
			"rbac-misconfiguration",
			"storage-failures",
		]);
	});

	it("has a glossary of at least 80 terms, each with aliases and an episode", () => {
		expect(course.glossary.length).toBeGreaterThanOrEqual(80);
		for (const term of course.glossary) expect(term.aliases.length, term.id).toBeGreaterThan(0);
		const episodes = new Set(course.glossary.map((t) => t.episode));
		expect([...episodes].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it("has at least ten quiz questions per episode, recall questions included", () => {
		for (const episode of course.episodes) {
			expect(course.questions.filter((q) => q.episode === episode.number).length, `episode ${episode.number}`).toBeGreaterThanOrEqual(10);
		}
		expect(course.questions.some((q) => q.kind === "recall")).toBe(true);
	});
});

describe("loading a pack", () => {
	const temps: string[] = [];
	afterEach(() => {
		for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
	});
	const copyOfMainPack = () => {
		const dir = mkdtempSync(join(tmpdir(), "kubecoach-pack-"));
		temps.push(dir);
		cpSync(mainPackDir, dir, { recursive: true });
		return dir;
	};

	it("loads a second course pack from its folder with no code change", () => {
		const content = mkdtempSync(join(tmpdir(), "kubecoach-content-"));
		temps.push(content);
		cpSync(mainPackDir, join(content, "k8s-production-mastery"), { recursive: true });
		cpSync(tinyPackDir, join(content, "tiny-signals"), { recursive: true });
		const courses = loadCourses(content);
		expect(courses.map((c) => c.meta.id)).toEqual(["k8s-production-mastery", "tiny-signals"]);
		expect(courses[1]?.glossary.map((t) => t.term)).toEqual(["SIGTERM", "SIGKILL", "PID 1"]);
	});

	it("names the file, the line, the field and what was expected when a field has the wrong type", () => {
		const dir = copyOfMainPack();
		const file = join(dir, "glossary", "ep02.yaml");
		const lines = readFileSync(file, "utf8").split("\n");
		const at = lines.findIndex((line) => /^\s+episode: 2\s*$/.test(line));
		lines[at] = lines[at]?.replace("episode: 2", "episode: two") ?? "";
		writeFileSync(file, lines.join("\n"));
		const error = captureError(() => loadCourse(dir, dir));
		expect(error).toBeInstanceOf(CourseContentError);
		expect(error.message).toContain(`glossary/ep02.yaml:${at + 1}: terms[0].episode`);
		expect(error.message).toMatch(/expected number/i);
	});

	it("reports broken YAML with the file and line", () => {
		const dir = copyOfMainPack();
		writeFileSync(join(dir, "quizzes", "ep03.yaml"), "episode: 3\nquestions:\n  - id: [unclosed\n");
		const error = captureError(() => loadCourse(dir, dir));
		expect(error.message).toMatch(/quizzes\/ep03\.yaml:\d+: not valid YAML/);
	});

	it("reports a reference to a glossary id that does not exist", () => {
		const dir = copyOfMainPack();
		const file = join(dir, "quizzes", "ep04.yaml");
		writeFileSync(file, readFileSync(file, "utf8").replace(/concept: [a-z0-9-]+/, "concept: no-such-term"));
		const error = captureError(() => loadCourse(dir, dir));
		expect(error.message).toMatch(/quizzes\/ep04\.yaml: question '[a-z0-9-]+'\.concept: 'no-such-term' is not a glossary id/);
	});

	it("reports an answer index outside the options", () => {
		const dir = copyOfMainPack();
		const file = join(dir, "quizzes", "ep01.yaml");
		writeFileSync(file, readFileSync(file, "utf8").replace(/answer: \d/, "answer: 7"));
		const error = captureError(() => loadCourse(dir, dir));
		expect(error.message).toMatch(/quizzes\/ep01\.yaml:\d+: questions\[0\]\.answer: answer must be the index of one of the options/);
	});
});

function captureError(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		if (error instanceof Error) return error;
	}
	throw new Error("expected the load to fail");
}
