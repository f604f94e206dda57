import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCourseCached } from "../../bin/course-cache.ts";
import { CourseContentError } from "../../src/course/course-content-error.ts";
import { loadCourse } from "../../src/course/load-course.ts";
import { ExplainIndex } from "../../src/explain/explain-index.ts";
import { tinyPackDir } from "../helpers/course.ts";

describe("the validated cache of a course pack", () => {
	let root: string;
	let pack: string;
	let cache: string;
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), "kubecoach-course-cache-"));
		pack = join(root, "pack");
		cache = join(root, "cache");
		cpSync(tinyPackDir, pack, { recursive: true });
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	const cacheFile = () => join(cache, readdirSync(cache)[0] ?? "");
	const courseYaml = () => join(pack, "course.yaml");

	it("gives the same course as the YAML, from the YAML first and from the cache after", async () => {
		const fresh = loadCourse(pack, root);
		expect(await loadCourseCached(pack, root, cache)).toEqual(fresh);
		expect(readdirSync(cache)).toHaveLength(1);
		// The cached copy is what the second load returns: mark it to tell it from a reparse.
		const stored = JSON.parse(readFileSync(cacheFile(), "utf8"));
		stored.course.meta.title = "from the cache";
		writeFileSync(cacheFile(), JSON.stringify(stored));
		expect((await loadCourseCached(pack, root, cache)).meta.title).toBe("from the cache");
	});

	it("loads the YAML again when a file of the pack changed, and says what is wrong with it", async () => {
		await loadCourseCached(pack, root, cache);
		const text = readFileSync(courseYaml(), "utf8");
		writeFileSync(courseYaml(), text.replace(/^title: .*$/m, "title: Changed title"));
		expect((await loadCourseCached(pack, root, cache)).meta.title).toBe("Changed title");
		writeFileSync(courseYaml(), "title: [unclosed");
		await expect(loadCourseCached(pack, root, cache)).rejects.toThrow(CourseContentError);
	});

	it("notices a change that keeps the size (a new modification time)", async () => {
		const first = await loadCourseCached(pack, root, cache);
		const stored = JSON.parse(readFileSync(cacheFile(), "utf8"));
		stored.course.meta.title = "stale";
		writeFileSync(cacheFile(), JSON.stringify(stored));
		const later = new Date(Date.now() + 60_000);
		utimesSync(courseYaml(), later, later);
		expect((await loadCourseCached(pack, root, cache)).meta.title).toBe(first.meta.title);
	});

	it("falls back to the YAML when the cache is corrupt or cannot be written", async () => {
		const fresh = loadCourse(pack, root);
		await loadCourseCached(pack, root, cache);
		writeFileSync(cacheFile(), "{ not json");
		expect(await loadCourseCached(pack, root, cache)).toEqual(fresh);
		// A cache folder that cannot be made (its parent is a file): the course still loads.
		const blocked = join(root, "a-file");
		writeFileSync(blocked, "");
		expect(await loadCourseCached(pack, root, join(blocked, "cache"))).toEqual(fresh);
	});

	it("keeps the explain index's tokens beside the course: an index built from them ranks as one built from the YAML", async () => {
		const fresh = new ExplainIndex(loadCourse(pack, root));
		await loadCourseCached(pack, root, cache);
		const kept = new ExplainIndex(await loadCourseCached(pack, root, cache));
		const first = loadCourse(pack, root).glossary[0];
		for (const question of [first?.term ?? "", "why was my pod killed", "what is a pdb", "sourdough bread recipe"]) {
			expect(kept.rank(question)).toEqual(fresh.rank(question));
		}
		// The kept tokens are what the index is built from: mark them to tell them from a rebuild.
		const stored = JSON.parse(readFileSync(cacheFile(), "utf8"));
		stored.index.terms[0].nameKeys = ["keptmarker"];
		writeFileSync(cacheFile(), JSON.stringify(stored));
		expect(new ExplainIndex(await loadCourseCached(pack, root, cache)).hasName("keptmarker")).toBe(true);
		// A change to the glossary makes them stale with the course.
		const later = new Date(Date.now() + 60_000);
		utimesSync(courseYaml(), later, later);
		expect(new ExplainIndex(await loadCourseCached(pack, root, cache)).hasName("keptmarker")).toBe(false);
	});
});
