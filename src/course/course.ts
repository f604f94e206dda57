import type { ChecklistItem, CourseMeta, Episode, FailurePattern, GlossaryTerm, QuizQuestion } from "./schema.ts";

/** A quiz question with the episode it belongs to. */
export interface CourseQuestion extends QuizQuestion {
	readonly episode: number;
}

/** A loaded, validated course pack: plain data, cross-references already checked. */
export interface Course {
	readonly meta: CourseMeta;
	/** Folder it was loaded from. */
	readonly dir: string;
	/** Ordered by number, numbered 1..n without gaps. */
	readonly episodes: readonly Episode[];
	readonly glossary: readonly GlossaryTerm[];
	readonly questions: readonly CourseQuestion[];
	readonly checklist: readonly ChecklistItem[];
	readonly failurePatterns: readonly FailurePattern[];
}

export function findEpisode(course: Course, number: number): Episode | undefined {
	return course.episodes.find((episode) => episode.number === number);
}

export function findTerm(course: Course, id: string): GlossaryTerm | undefined {
	return course.glossary.find((term) => term.id === id);
}

// Keyed by the questions array, not the course: a course built afresh (as tests do) gets its own index.
const questionIndexes = new WeakMap<readonly CourseQuestion[], ReadonlyMap<string, CourseQuestion>>();

/** The question with this id; indexed once per course, since every quiz answer looks its question up. */
export function findQuestion(course: Course, id: string): CourseQuestion | undefined {
	let index = questionIndexes.get(course.questions);
	if (index === undefined) {
		const byId = new Map<string, CourseQuestion>();
		// The first of a repeated id wins, as a search from the front finds it (a loaded course has none).
		for (const question of course.questions) if (!byId.has(question.id)) byId.set(question.id, question);
		index = byId;
		questionIndexes.set(course.questions, index);
	}
	return index.get(id);
}

export function questionsFor(course: Course, episode: number): readonly CourseQuestion[] {
	return course.questions.filter((question) => question.episode === episode);
}
