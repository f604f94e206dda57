import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Course, CourseQuestion } from "./course.ts";
import { CourseContentError } from "./course-content-error.ts";
import { checkCrossReferences, type SourceFiles } from "./cross-references.ts";
import { readContentFile } from "./read-yaml.ts";
import type { Episode, GlossaryTerm } from "./schema.ts";
import {
	checklistFileSchema,
	courseSchema,
	episodeSchema,
	failurePatternFileSchema,
	glossaryFileSchema,
	quizFileSchema,
} from "./schema.ts";

/**
 * Loads a course pack folder: course.yaml, episodes/, glossary/, quizzes/, checklist.yaml and
 * failure-patterns.yaml. Every file is schema-checked and all ids cross-checked; any problem
 * throws a CourseContentError listing each one with file, line and field.
 */
export function loadCourse(dir: string, displayRoot = process.cwd()): Course {
	const problems: string[] = [];
	const display = (path: string) => relative(displayRoot, path) || path;
	const sources: SourceFiles = {
		episodes: new Map(),
		terms: new Map(),
		questions: new Map(),
		checklist: display(join(dir, "checklist.yaml")),
		failurePatterns: display(join(dir, "failure-patterns.yaml")),
	};

	const meta = readContentFile(join(dir, "course.yaml"), display(join(dir, "course.yaml")), courseSchema, problems);
	const episodes: Episode[] = [];
	for (const path of yamlFiles(dir, "episodes", problems, display)) {
		const file = readContentFile(path, display(path), episodeSchema, problems);
		if (!file) continue;
		episodes.push(file.data);
		sources.episodes.set(file.data, file.path);
	}
	const glossary: GlossaryTerm[] = [];
	for (const path of yamlFiles(dir, "glossary", problems, display)) {
		const file = readContentFile(path, display(path), glossaryFileSchema, problems);
		for (const term of file?.data.terms ?? []) {
			glossary.push(term);
			sources.terms.set(term, display(path));
		}
	}
	const questions: CourseQuestion[] = [];
	for (const path of yamlFiles(dir, "quizzes", problems, display)) {
		const file = readContentFile(path, display(path), quizFileSchema, problems);
		for (const question of file?.data.questions ?? []) {
			const withEpisode = { ...question, episode: file?.data.episode ?? 0 };
			questions.push(withEpisode);
			sources.questions.set(withEpisode, display(path));
		}
	}
	const checklist = readContentFile(join(dir, "checklist.yaml"), sources.checklist, checklistFileSchema, problems);
	const patterns = readContentFile(join(dir, "failure-patterns.yaml"), sources.failurePatterns, failurePatternFileSchema, problems);
	if (problems.length > 0 || !meta || !checklist || !patterns) throw new CourseContentError(problems);

	const course: Course = {
		meta: meta.data,
		dir,
		episodes: episodes.sort((a, b) => a.number - b.number),
		glossary,
		questions,
		checklist: checklist.data.items,
		failurePatterns: patterns.data.patterns,
	};
	const crossProblems = checkCrossReferences(course, sources);
	if (crossProblems.length > 0) throw new CourseContentError(crossProblems);
	return course;
}

/** Loads every pack under a content folder (each sub-folder holding a course.yaml). */
export function loadCourses(contentDir: string, displayRoot = process.cwd()): Course[] {
	const packs = readdirSync(contentDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && existsSync(join(contentDir, entry.name, "course.yaml")))
		.map((entry) => join(contentDir, entry.name))
		.sort();
	return packs.map((dir) => loadCourse(dir, displayRoot));
}

function yamlFiles(dir: string, folder: string, problems: string[], display: (path: string) => string): string[] {
	const path = join(dir, folder);
	if (!existsSync(path)) {
		problems.push(`${display(path)}: missing folder (a course pack needs ${folder}/ with one or more .yaml files)`);
		return [];
	}
	const files = readdirSync(path)
		.filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
		.sort()
		.map((name) => join(path, name));
	if (files.length === 0) problems.push(`${display(path)}: no .yaml files in it`);
	return files;
}
