/**
 * The course pack, validated once and kept as JSON: parsing and checking its YAML is most of the
 * CPU `kubecoach explain` spends. The cached copy is used only while every file of the pack and
 * every source file of the loader is exactly as it was when the copy was made (path, size,
 * modification time); anything else loads the YAML again (and refreshes the copy). Beside it are
 * the tokens the explain index is built from (most of what building it costs), valid under the
 * same check extended to the explain code's sources. A cache that
 * cannot be read or written only costs that time: the YAML remains the source of truth.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Course } from "../src/course/course.ts";
import { type IndexTokens, indexTokens, useIndexTokens } from "../src/explain/index-tokens.ts";

/** The loader's sources: a change in the schema or the checks makes every cached course stale. */
const loaderDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "course");
/** The explain code's sources: a change in how the index tokenises makes every kept token list stale. */
const explainDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "explain");

/** Async because the loader (and its schema library) is imported only when the cached copy cannot serve. */
export async function loadCourseCached(dir: string, displayRoot: string, cacheDir: string): Promise<Course> {
	const key = fingerprint(dir);
	// One file per pack folder, replaced when stale.
	const file = join(cacheDir, `course-${createHash("sha256").update(dir).digest("hex").slice(0, 16)}.json`);
	const cached = readCached(file, key);
	if (cached) {
		useIndexTokens(cached.course, cached.index);
		return cached.course;
	}
	const { loadCourse } = await import("../src/course/load-course.ts");
	const course = loadCourse(dir, displayRoot);
	const index = indexTokens(course);
	useIndexTokens(course, index);
	writeCached(file, key, { course, index });
	return course;
}

function fingerprint(dir: string): string {
	const hash = createHash("sha256").update(`kubecoach-course-cache-2\0${dir}\0`);
	for (const root of [dir, loaderDir, explainDir]) {
		for (const path of filesUnder(root)) {
			const stat = statSync(path);
			hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\0`);
		}
	}
	return hash.digest("hex").slice(0, 32);
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
}

interface Kept {
	readonly course: Course;
	readonly index: IndexTokens;
}

function readCached(file: string, key: string): Kept | undefined {
	try {
		const parsed = JSON.parse(readFileSync(file, "utf8")) as { key?: unknown; course?: Course; index?: IndexTokens };
		return parsed.key === key && parsed.course && parsed.index ? { course: parsed.course, index: parsed.index } : undefined;
	} catch {
		return undefined;
	}
}

function writeCached(file: string, key: string, kept: Kept): void {
	try {
		mkdirSync(dirname(file), { recursive: true });
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, JSON.stringify({ key, ...kept }));
		renameSync(temporary, file);
	} catch {
		// A read-only install: the next start parses the YAML again.
	}
}
