// Validates course packs: node scripts/check-content.ts [PACK_DIR...] (default: every pack in content/).

import { CourseContentError } from "../src/course/course-content-error.ts";
import { loadCourse, loadCourses } from "../src/course/load-course.ts";

const dirs = process.argv.slice(2);
try {
	const courses = dirs.length > 0 ? dirs.map((dir) => loadCourse(dir)) : loadCourses("content");
	for (const course of courses) {
		console.log(
			`${course.meta.id}: ok — ${course.episodes.length} episodes, ${course.glossary.length} glossary terms, ` +
				`${course.questions.length} quiz questions, ${course.checklist.length} checklist items, ${course.failurePatterns.length} failure patterns`,
		);
	}
} catch (error) {
	if (!(error instanceof CourseContentError)) throw error;
	console.error(error.message);
	process.exit(1);
}
