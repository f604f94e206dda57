/** What an episode drop and the course-complete message look like in the channel. */

import type { Course } from "../course/course.ts";
import { episodeReply } from "../course/episode-commands.ts";
import type { Episode } from "../course/schema.ts";
import type { Reply, ReplyField } from "../reply.ts";
import { formatInZone } from "../study/format-time.ts";
import type { CourseResults } from "./course-results.ts";

/** When a scheduled post went out late: the time it was due, for the channel to read. */
export interface Lateness {
	readonly dueAt: Date;
	readonly timeZone: string;
}

export function lateNote(late: Lateness): string {
	return `Posted late: this was due ${formatInZone(late.dueAt, late.timeZone)}, when I was offline.`;
}

/** The episode card (as /episode N shows it) plus what it deepens and, if late, a note saying so. */
export function dropReply(course: Course, episode: Episode, late: Lateness | null): Reply {
	const card = episodeReply(course, episode);
	const deepens = [
		...episode.deepens.checklist.flatMap((id) => course.checklist.filter((c) => c.id === id).map((c) => `• Checklist: ${c.title}`)),
		...episode.deepens.failurePatterns.flatMap((id) =>
			course.failurePatterns.filter((f) => f.id === id).map((f) => `• Failure pattern: ${f.title}`),
		),
	];
	const fields: ReplyField[] = [...(card.fields ?? [])];
	if (deepens.length > 0) fields.push({ label: "Deepens", value: deepens.join("\n") });
	return {
		...card,
		header: `New episode · ${card.header ?? episode.title}`,
		text: late ? `${lateNote(late)}\n${episode.summary}` : episode.summary,
		fields,
		visibility: "channel",
	};
}

export function courseCompleteReply(course: Course, results: CourseResults): Reply {
	const percent = (n: number, of: number) => (of === 0 ? "–" : `${Math.round((100 * n) / of)}%`);
	return {
		header: `Course complete · ${course.meta.title}`,
		text: `All ${course.episodes.length} episodes are out. Here is how the channel did.`,
		fields: [
			{ label: "Quizzes posted", value: String(results.quizzes) },
			{ label: "Learners who answered", value: String(results.learners) },
			{ label: "Answers", value: `${results.answers} (${results.answersPerQuiz.toFixed(1)} per quiz)` },
			{ label: "Accuracy", value: `${percent(results.correct, results.answers)} right` },
			...(results.longestStreak > 0 ? [{ label: "Longest streak", value: `${results.longestStreak} days` }] : []),
		],
		footer: "Keep reviewing with /quiz me; /quiz mine shows your own progress.",
		visibility: "channel",
	};
}
