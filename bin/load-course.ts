import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../src/config-error.ts";
import type { Course } from "../src/course/course.ts";
import { type CourseLocation, courseLocationFromEnv } from "../src/course-location.ts";
import { primeEnglishTableLater } from "../src/explain/background-english.ts";
import type { CommandIo } from "./command-io.ts";
import { loadCourseCached } from "./course-cache.ts";
import { primeEnglishTable } from "./english-cache.ts";

/** The project folder, so that content/ is found whatever the working directory. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where kubecoach keeps what it can rebuild (the validated course), beside its own node_modules. */
export const cacheDir = join(projectRoot, "node_modules", ".cache", "kubecoach");

/** Loads the configured course pack (through the validated cache of it); a relative content dir is taken from the working directory, then the project. */
export async function loadConfiguredCourse(config: CourseLocation, cwd: string): Promise<Course> {
	const candidates = [resolve(cwd, config.KUBECOACH_CONTENT_DIR), resolve(projectRoot, config.KUBECOACH_CONTENT_DIR)];
	const contentDir = candidates.find((dir) => existsSync(join(dir, config.KUBECOACH_COURSE, "course.yaml")));
	if (!contentDir) {
		throw new ConfigError(
			`No course pack "${config.KUBECOACH_COURSE}" (a folder with course.yaml) in ${candidates.join(" or ")}. ` +
				"Set KUBECOACH_CONTENT_DIR to the folder that holds course packs, or KUBECOACH_COURSE to a pack's folder name.",
		);
	}
	// The explain index, built at the first question, weighs words with the English table kept in the cache.
	primeEnglishTableLater(() => primeEnglishTable(cacheDir));
	return loadCourseCached(join(contentDir, config.KUBECOACH_COURSE), cwd, cacheDir);
}

/**
 * Where the course is, for a command that needs only the course: with a configuration file, from the
 * whole validated configuration (the file may move it); without one, straight from the environment,
 * so that such a command loads no schema and is not refused for a setting it never reads.
 */
export async function courseLocation(io: Pick<CommandIo, "env" | "cwd">): Promise<CourseLocation> {
	if (!io.env.KUBECOACH_CONFIG) return courseLocationFromEnv(io.env);
	const { loadConfig } = await import("./load-config.ts");
	return loadConfig(io).config;
}
