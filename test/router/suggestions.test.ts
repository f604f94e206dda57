/** Suggestions for options as they are typed: namespaces from the allow-list, episodes, glossary terms. */
import { describe, expect, it } from "vitest";
import { createCore } from "../../src/app.ts";
import { CommandRouter } from "../../src/router/router.ts";
import { createSuggest, MAX_SUGGESTIONS } from "../../src/router/suggestions.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { mainCourse } from "../helpers/course.ts";

const course = mainCourse();

describe("suggestions", () => {
	const suggest = createSuggest(course, ["payments", "platform", "team-*"]);

	it("offers glossary terms by name, then by alias, then by a word inside", () => {
		const oom = suggest("term", "oom");
		expect(oom[0]?.value).toBe("OOMKilled");
		expect(suggest("term", "OOMKILLED").map((s) => s.value)).toContain("OOMKilled");
		expect(suggest("term", "zzzz-not-a-term")).toEqual([]);
	});

	it("offers episodes by number and by a word of their title, with the number as the value", () => {
		expect(suggest("episode", "2")[0]).toEqual({ label: "2 · Resource Management", value: "2" });
		expect(suggest("episode", "network").map((s) => s.value)).toEqual(["6"]);
		expect(suggest("episode", "").map((s) => s.value)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
	});

	it("offers the allow-list's names, and a typed name a pattern allows, never a pattern", () => {
		expect(suggest("namespace", "").map((s) => s.value)).toEqual(["payments", "platform"]);
		expect(suggest("namespace", "pay").map((s) => s.value)).toEqual(["payments"]);
		expect(suggest("namespace", "team-a").map((s) => s.value)).toEqual(["team-a"]);
		expect(suggest("namespace", "team-").map((s) => s.value)).toEqual([]);
		expect(suggest("namespace", "other").map((s) => s.value)).toEqual([]);
		expect(createSuggest(course, ["*"])("namespace", "Bad Name!")).toEqual([]);
	});

	it("stays within the limit and the platform maximum, whatever is typed", () => {
		expect(suggest("term", "", 5)).toHaveLength(5);
		expect(suggest("term", "").length).toBe(MAX_SUGGESTIONS);
		expect(suggest("term", "e", 1000).length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
		expect(suggest("term", "x".repeat(6000))).toEqual([]);
	});

	it("reaches platforms through the router, which never throws for them", () => {
		const { router } = createCore({ course, readinessNamespaces: ["payments"] });
		expect(router.suggest("namespace", "p").map((s) => s.value)).toEqual(["payments"]);
		const logger = new RecordingLogger();
		const broken = new CommandRouter([], [], {
			logger,
			suggest: () => {
				throw new Error("index gone");
			},
		});
		expect(broken.suggest("term", "oom")).toEqual([]);
		expect(logger.lines.join("\n")).toContain("index gone");
		expect(new CommandRouter([]).suggest("term", "oom")).toEqual([]);
	});
});
