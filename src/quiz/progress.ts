/** `/quiz mine`: a learner's own progress in the channel, from the per-user indexes. */
import { calendarDay, dayNumber, type Streak } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import type { CommandContext } from "../router/command.ts";
import type { Study } from "../study/study-options.ts";

const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };
const DUE_LIMIT = 1000;

export async function progressReply(study: Study, context: CommandContext): Promise<Reply> {
	const { store, clock, options } = study;
	const now = clock.now();
	const [answers, streak, due, channel] = await Promise.all([
		store.listAnswers({ channelId: context.channelId, range: ALL_TIME, userId: context.userId }),
		store.getStreak(context.channelId, context.userId),
		store.listDueCards(context.userId, now, DUE_LIMIT),
		store.getChannel(context.channelId),
	]);
	const right = answers.filter((a) => a.correct).length;
	const current = currentStreak(streak, now, channel?.timeZone ?? options.defaultTimeZone);
	return {
		header: "Your progress in this channel",
		fields: [
			{ label: "Answered", value: String(answers.length) },
			{ label: "Accuracy", value: answers.length === 0 ? "–" : `${Math.round((100 * right) / answers.length)}% (${right} right)` },
			{ label: "Streak", value: `${current} day${current === 1 ? "" : "s"} (longest ${streak?.longest ?? 0})` },
			{
				label: "Due reviews",
				value: `${due.length >= DUE_LIMIT ? `${DUE_LIMIT}+` : due.length}${due.length > 0 ? " — type /quiz me" : ""}`,
			},
		],
		visibility: "private",
	};
}

/** The streak's days if it still holds at `now`: its last day is today or yesterday (today's answer may yet come). */
export function currentStreak(streak: Streak | null, now: Date, timeZone: string): number {
	if (streak === null) return 0;
	return dayNumber(calendarDay(now, timeZone)) - dayNumber(streak.lastActiveDay) <= 1 ? streak.current : 0;
}
