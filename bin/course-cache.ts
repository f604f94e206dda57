/**
 * The course pack, validated once and kept as JSON: parsing and checking its YAML is most of the
 * CPU `kubecoach explain` spends. The cached copy is used only while every file of the pack and
 * every source file of the loader is exactly as it was when the copy was made (path, size,
 * modification time); anything else loads the YAML again (and refreshes the copy). A cache that
 * cannot be read or written only costs that time: the YAML remains the source of truth.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Course } from "../src/course/course.ts";
import { loadCourse } from "../src/course/load-course.ts";

/** The loader's sources: a change in the schema or the checks makes every cached course stale. */
const loaderDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "course");

export function loadCourseCached(dir: string, displayRoot: string, cacheDir: string): Course {
	const key = fingerprint(dir);
	// One file per pack folder, replaced when stale.
	const file = join(cacheDir, `course-${createHash("sha256").update(dir).digest("hex").slice(0, 16)}.json`);
	const cached = readCached(file, key);
	if (cached) return cached;
	const course = loadCourse(dir, displayRoot);
	writeCached(file, key, course);
	return course;
}

function fingerprint(dir: string): string {
	const hash = createHash("sha256").update(`kubecoach-course-cache-1\0${dir}\0`);
	for (const root of [dir, loaderDir]) {
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

function readCached(file: string, key: string): Course | undefined {
	try {
		const parsed = JSON.parse(readFileSync(file, "utf8")) as { key?: unknown; course?: Course };
		return parsed.key === key && parsed.course ? parsed.course : undefined;
	} catch {
		return undefined;
	}
}

function writeCached(file: string, key: string, course: Course): void {
	try {
		mkdirSync(dirname(file), { recursive: true });
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, JSON.stringify({ key, course }));
		renameSync(temporary, file);
	} catch {
		// A read-only install: the next start parses the YAML again.
	}
}
