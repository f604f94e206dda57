/** A course pack that cannot be loaded; the message names the file, the field and what was expected. */
export class CourseContentError extends Error {
	readonly code = "course-content-invalid";
	readonly problems: readonly string[];

	constructor(problems: readonly string[]) {
		super(
			problems.length === 1
				? `Course content is invalid: ${problems[0]}`
				: `Course content is invalid (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
		);
		this.name = "CourseContentError";
		this.problems = problems;
	}
}
