import { join } from "node:path";
import type { Course } from "../../src/course/course.ts";
import { loadCourse } from "../../src/course/load-course.ts";

export const repoRoot = join(import.meta.dirname, "..", "..");
export const mainPackDir = join(repoRoot, "content", "k8s-production-mastery");
export const tinyPackDir = join(repoRoot, "test", "fixtures", "tiny-course");

let cached: Course | undefined;

/** The shipped course pack, loaded once per test file. */
export function mainCourse(): Course {
	cached ??= loadCourse(mainPackDir, repoRoot);
	return cached;
}
