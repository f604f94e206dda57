/**
 * The participation report: the Store's aggregates (Store.participation) for one channel or a
 * workspace over a period, with the quizzes posted per week, each learner's streaks and the share
 * correct per concept (never per person), as private replies with a chart and, on request, a CSV.
 * Figures count channel quiz answers; personal reviews (`/quiz me`) are the learner's own and are
 * not in reports.
 */

import { dropOfRecallId } from "../channel-course/recall-plan.ts";
import type { Course } from "../course/course.ts";
import { calendarDay, dayNumber, type ParticipationFigures, type ParticipationScope, type Store, type TimeRange } from "../ports/store.ts";
import { codeSpan, escapeMarkup } from "../reply/markup.ts";
import type { Reply } from "../reply.ts";
import { resolveWallTime } from "../schedule/time-zone.ts";
import { mondayOf, weekOf } from "./aggregate.ts";
import { renderChart } from "./chart.ts";

const DAY_MS = 86_400_000;
/** Per-person rows shown in chat; the CSV has them all. */
const LEARNER_ROWS = 40;
const CONCEPT_ROWS = 8;

export interface ReportWeek {
	readonly week: string;
	readonly learners: number;
	readonly answers: number;
	readonly correct: number;
	readonly quizzesPosted: number;
	readonly quizzesAnswered: number;
	/** Episodes dropped, as their recall quizzes record them (a drop without recall quizzes leaves no trace). */
	readonly episodesDropped: number;
}

export interface ReportLearner {
	readonly userId: string;
	readonly answers: number;
	readonly correct: number;
	readonly currentStreak: number;
	readonly longestStreak: number;
	readonly lastAnsweredAt: Date;
}

export interface ReportConcept {
	readonly concept: string;
	readonly answers: number;
	readonly correct: number;
}

export interface ParticipationReport {
	/** What it covers, in plain words (headers are not markup): "this channel", "every channel of this workspace", "#general". */
	readonly label: string;
	/** Every channel of a workspace: posts and streaks come only from the channels that follow a course. */
	readonly wholeWorkspace: boolean;
	readonly range: TimeRange;
	readonly weeksAsked: number;
	readonly weeks: readonly ReportWeek[];
	readonly learners: readonly ReportLearner[];
	readonly concepts: readonly ReportConcept[];
	readonly episodes: readonly { readonly episode: number; readonly answers: number; readonly correct: number }[];
	/** The answers themselves, per learner per week (the CSV's rows), when asked for. */
	readonly perLearnerWeek?: readonly {
		readonly week: string;
		readonly userId: string;
		readonly answers: number;
		readonly correct: number;
	}[];
}

/** The last `weeks` calendar weeks up to `now`, Monday 00:00 in the managers' zone (this week so far included). */
export function lastWeeks(now: Date, weeks: number, timeZone: string): TimeRange {
	const today = dayNumber(calendarDay(now, timeZone));
	const monday = today - ((((today + 3) % 7) + 7) % 7);
	const first = monday - 7 * (weeks - 1);
	return { from: new Date(resolveWallTime(first * DAY_MS, timeZone)), to: now };
}

/** The full week before the one `now` is in, for the digest. */
export function previousWeek(now: Date, timeZone: string): TimeRange {
	const today = dayNumber(calendarDay(now, timeZone));
	const monday = today - ((((today + 3) % 7) + 7) % 7);
	return {
		from: new Date(resolveWallTime((monday - 7) * DAY_MS, timeZone)),
		to: new Date(resolveWallTime(monday * DAY_MS, timeZone)),
	};
}

export interface ReportRequest {
	/** How long after a drop its recall quizzes may open (the longest recall offset), to find the drops of the period. */
	readonly recallReachMs?: number;
	readonly scope: ParticipationScope;
	readonly label: string;
	readonly range: TimeRange;
	readonly weeksAsked: number;
	readonly defaultTimeZone: string;
	readonly now: Date;
	readonly withRows?: boolean;
}

/** Reads what the report needs: the aggregates, the posts and streaks of the channels in scope. */
export async function buildReport(store: Store, course: Course, request: ReportRequest): Promise<ParticipationReport> {
	const { scope, range } = request;
	const figures: ParticipationFigures = await store.participation(scope, range);
	const followed = await store.listChannels();
	const channels =
		"channelId" in scope
			? [scope.channelId]
			: [...new Set([...followed.map((c) => c.channelId).filter((id) => id.slice(0, id.lastIndexOf(":")) === scope.workspaceId)])];
	const zoneOf = new Map(followed.map((c) => [c.channelId, c.timeZone]));
	const posted = new Map<string, number>();
	const drops = new Map<string, Set<string>>();
	const reach = { from: range.from, to: new Date(range.to.getTime() + (request.recallReachMs ?? 0)) };
	const streaks = new Map<string, { current: number; longest: number }>();
	for (const channelId of channels) {
		const zone = zoneOf.get(channelId) ?? request.defaultTimeZone;
		for (const post of await store.listQuizPosts(channelId, reach)) {
			const drop = dropOfRecallId(post.id);
			if (drop && drop.droppedAt >= range.from && drop.droppedAt < range.to) {
				const week = mondayOf(weekOf(calendarDay(drop.droppedAt, zone)));
				drops.set(week, (drops.get(week) ?? new Set()).add(`${channelId}\n${drop.episode}\n${drop.droppedAt.getTime()}`));
			}
			if (post.messageRef === null || post.opensAt >= range.to) continue;
			const week = mondayOf(weekOf(calendarDay(post.opensAt, zone)));
			posted.set(week, (posted.get(week) ?? 0) + 1);
		}
		const today = dayNumber(calendarDay(request.now, zone));
		for (const streak of await store.listStreaks(channelId)) {
			const holds = today - dayNumber(streak.lastActiveDay) <= 1;
			const seen = streaks.get(streak.userId) ?? { current: 0, longest: 0 };
			streaks.set(streak.userId, {
				current: Math.max(seen.current, holds ? streak.current : 0),
				longest: Math.max(seen.longest, streak.longest),
			});
		}
	}
	const byWeek = new Map(figures.weeks.map((w) => [w.week, w]));
	const weekKeys = [...new Set([...byWeek.keys(), ...posted.keys(), ...drops.keys()])].sort();
	const weeks = weekKeys.map((week) => {
		const w = byWeek.get(week);
		return {
			week,
			learners: w?.learners ?? 0,
			answers: w?.answers ?? 0,
			correct: w?.correct ?? 0,
			quizzesPosted: posted.get(week) ?? 0,
			quizzesAnswered: w?.quizzesAnswered ?? 0,
			episodesDropped: drops.get(week)?.size ?? 0,
		};
	});
	const conceptOf = new Map(course.questions.map((q) => [q.id, q.concept]));
	const termOf = new Map(course.glossary.map((t) => [t.id, t.term]));
	const concepts = new Map<string, { answers: number; correct: number }>();
	const episodes = new Map<number, { answers: number; correct: number }>();
	for (const q of figures.questions) {
		const id = conceptOf.get(q.questionId);
		const name = id === undefined ? "other questions" : (termOf.get(id) ?? id);
		const c = concepts.get(name) ?? { answers: 0, correct: 0 };
		concepts.set(name, { answers: c.answers + q.answers, correct: c.correct + q.correct });
		const e = episodes.get(q.episode) ?? { answers: 0, correct: 0 };
		episodes.set(q.episode, { answers: e.answers + q.answers, correct: e.correct + q.correct });
	}
	const report: ParticipationReport = {
		label: request.label,
		wholeWorkspace: !("channelId" in scope),
		range,
		weeksAsked: request.weeksAsked,
		weeks,
		learners: figures.learners.map((l) => ({
			userId: l.userId,
			answers: l.answers,
			correct: l.correct,
			currentStreak: streaks.get(l.userId)?.current ?? 0,
			longestStreak: streaks.get(l.userId)?.longest ?? 0,
			lastAnsweredAt: l.lastAnsweredAt,
		})),
		concepts: [...concepts]
			.map(([concept, c]) => ({ concept, ...c }))
			.sort((a, b) => a.correct / a.answers - b.correct / b.answers || b.answers - a.answers || a.concept.localeCompare(b.concept)),
		episodes: [...episodes].sort(([a], [b]) => a - b).map(([episode, e]) => ({ episode, ...e })),
	};
	if (!request.withRows) return report;
	return { ...report, perLearnerWeek: await perLearnerWeek(store, channels, range) };
}

/** One row per learner per week, read from the answers (only for the export). */
async function perLearnerWeek(store: Store, channels: readonly string[], range: TimeRange) {
	const rows = new Map<string, { week: string; userId: string; answers: number; correct: number }>();
	for (const channelId of channels) {
		for (const answer of await store.listAnswers({ channelId, range })) {
			const week = mondayOf(weekOf(answer.day));
			const key = `${week}\n${answer.userId}`;
			const row = rows.get(key) ?? { week, userId: answer.userId, answers: 0, correct: 0 };
			row.answers++;
			row.correct += answer.correct ? 1 : 0;
			rows.set(key, row);
		}
	}
	return [...rows.values()].sort((a, b) => (a.week === b.week ? (a.userId < b.userId ? -1 : 1) : a.week < b.week ? -1 : 1));
}

const percent = (correct: number, answers: number) => (answers === 0 ? "–" : `${Math.round((100 * correct) / answers)}%`);
const day = (at: Date, timeZone: string) => calendarDay(at, timeZone);

export interface ReplyOptions {
	readonly perPerson: boolean;
	readonly timeZone: string;
	readonly visibility: "private" | "channel";
	readonly export?: boolean;
	/** The digest: the summary and the chart only. */
	readonly summaryOnly?: boolean;
}

/** The report as replies: the summary with the chart (and CSV), the learners, the concepts. */
export async function reportReplies(report: ParticipationReport, options: ReplyOptions): Promise<Reply[]> {
	const period = `${day(report.range.from, options.timeZone)} to ${day(report.range.to, options.timeZone)} (${options.timeZone})`;
	const header = `Participation · ${report.label}`;
	const answers = report.weeks.reduce((sum, w) => sum + w.answers, 0);
	if (answers === 0 && report.weeks.every((w) => w.quizzesPosted === 0 && w.episodesDropped === 0)) {
		return [{ text: `*${escapeMarkup(header)}*: no quiz activity from ${period}.`, visibility: options.visibility }];
	}
	const correct = report.weeks.reduce((sum, w) => sum + w.correct, 0);
	const posted = report.weeks.reduce((sum, w) => sum + w.quizzesPosted, 0);
	const png = await renderChart(
		report.weeks.map((w) => ({ week: w.week, answers: w.answers, learners: w.learners })),
		report.episodes.map((e) => ({ episode: e.episode, accuracy: e.answers === 0 ? 0 : e.correct / e.answers })),
		`${header}, ${period}`,
	);
	const files = options.export
		? [
				{
					name: "participation.csv",
					mediaType: "text/csv",
					// The CSV writer is loaded only when a manager asks for the export.
					content: (await import("./csv.ts")).participationCsv(report.perLearnerWeek ?? []),
					title: `${header} (CSV)`,
				},
			]
		: [];
	const weak = report.concepts.filter((c) => c.answers >= 3).slice(0, 3);
	const summary: Reply = {
		header,
		text:
			`${period}: ${report.learners.length} learner${report.learners.length === 1 ? "" : "s"} answered ${answers} time${answers === 1 ? "" : "s"}, ` +
			`${percent(correct, answers)} right; ${posted} quiz${posted === 1 ? "" : "zes"} posted.` +
			(weak.length > 0
				? `\nNeeds another pass: ${weak.map((c) => `${escapeMarkup(c.concept)} (${percent(c.correct, c.answers)})`).join(", ")}.`
				: ""),
		table: {
			columns: ["Week of", "Learners", "Answers", "Right", "Quizzes posted", "Quizzes answered", "Episodes dropped"],
			rows: report.weeks.map((w) => [
				w.week,
				String(w.learners),
				String(w.answers),
				percent(w.correct, w.answers),
				String(w.quizzesPosted),
				String(w.quizzesAnswered),
				String(w.episodesDropped),
			]),
		},
		image: { alt: `${header}: answers and active learners per week, accuracy by episode`, png },
		...(files.length > 0 ? { files } : {}),
		footer: `Channel quiz answers only (personal reviews are the learner's own). Weeks run Monday to Sunday in each channel's time zone.${
			report.wholeWorkspace ? " Quizzes posted, episodes dropped and streaks count the channels that follow a course." : ""
		}`,
		visibility: options.visibility,
	};
	if (options.summaryOnly) return [summary];
	const replies: Reply[] = [summary];
	if (options.perPerson && report.learners.length > 0) {
		const shown = [...report.learners].sort((a, b) => b.answers - a.answers || (a.userId < b.userId ? -1 : 1)).slice(0, LEARNER_ROWS);
		replies.push({
			header: "Per learner",
			table: {
				columns: ["Learner", "Answered", "Accuracy", "Streak (current / longest)", "Last active"],
				rows: shown.map((l) => [
					l.userId,
					String(l.answers),
					percent(l.correct, l.answers),
					`${l.currentStreak} / ${l.longestStreak}`,
					day(l.lastAnsweredAt, options.timeZone),
				]),
			},
			...(report.learners.length > shown.length
				? { footer: `${report.learners.length - shown.length} more learners: add ${codeSpan("export")} for all of them in a CSV.` }
				: {}),
			visibility: options.visibility,
		});
	}
	if (report.concepts.length > 0) {
		replies.push({
			header: "Per concept (everyone together)",
			table: {
				columns: ["Concept", "Answers", "Right"],
				rows: report.concepts.slice(0, CONCEPT_ROWS).map((c) => [c.concept, String(c.answers), percent(c.correct, c.answers)]),
			},
			visibility: options.visibility,
		});
	}
	return replies;
}
