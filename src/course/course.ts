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

export function questionsFor(course: Course, episode: number): readonly CourseQuestion[] {
	return course.questions.filter((question) => question.episode === episode);
}
