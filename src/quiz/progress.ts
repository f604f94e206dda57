/**
 * `/quiz mine`: a learner's own progress, from the per-user indexes. Channel quizzes count in this
 * channel; personal reviews (`/quiz me`) belong to the learner, wherever they review, and count in
 * every channel's figures. Each field says which it includes.
 */
import { calendarDay, dayNumber, type LearnerCard, type ReviewTally, type Store, type Streak } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import type { CommandContext } from "../router/command.ts";
import type { Study } from "../study/study-options.ts";

const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };
const DUE_LIMIT = 1000;
/** Every card a learner has, for the review tally (a course has a few hundred questions). */
const ALL_CARDS = 100_000;
const FAR_FUTURE = new Date(8.64e15);

export async function progressReply(study: Study, context: CommandContext): Promise<Reply> {
	const { store, clock, options } = study;
	const now = clock.now();
	const [answers, streak, cards, channel] = await Promise.all([
		store.listAnswers({ channelId: context.channelId, range: ALL_TIME, userId: context.userId }),
		store.getStreak(context.channelId, context.userId),
		allCards(store, context.userId),
		store.getChannel(context.channelId),
	]);
	const due = cards.filter((c) => c.card.due.getTime() <= now.getTime());
	const reviews = reviewTally(cards);
	const quizRight = answers.filter((a) => a.correct).length;
	const total = answers.length + reviews.answered;
	const right = quizRight + reviews.right;
	const current = currentStreak(streak, now, channel?.timeZone ?? options.defaultTimeZone);
	return {
		header: "Your progress in this channel",
		fields: [
			{ label: "Quizzes answered here", value: `${answers.length}${answers.length === 0 ? "" : ` (${quizRight} right)`}` },
			{ label: "Reviews (/quiz me)", value: `${reviews.answered}${reviews.answered === 0 ? "" : ` (${reviews.right} right)`}` },
			{
				label: "Accuracy (quizzes here and reviews)",
				value: total === 0 ? "–" : `${Math.round((100 * right) / total)}% (${right} of ${total} right)`,
			},
			{
				label: "Streak (days with a quiz answer here)",
				value: `${current} day${current === 1 ? "" : "s"} (longest ${streak?.longest ?? 0})`,
			},
			{
				label: "Due reviews",
				value: `${due.length >= DUE_LIMIT ? `${DUE_LIMIT}+` : due.length}${due.length > 0 ? " — type /quiz me" : ""}`,
			},
		],
		visibility: "private",
	};
}

/** A learner's personal reviews over all their cards. */
export function reviewTally(cards: readonly LearnerCard[]): ReviewTally {
	let answered = 0;
	let right = 0;
	for (const c of cards) {
		answered += c.reviews?.answered ?? 0;
		right += c.reviews?.right ?? 0;
	}
	return { answered, right };
}

/** Every card of a learner (a course has a few hundred questions). */
export const allCards = (store: Store, userId: string): Promise<LearnerCard[]> => store.listDueCards(userId, FAR_FUTURE, ALL_CARDS);

/** The streak's days if it still holds at `now`: its last day is today or yesterday (today's answer may yet come). */
export function currentStreak(streak: Streak | null, now: Date, timeZone: string): number {
	if (streak === null) return 0;
	return dayNumber(calendarDay(now, timeZone)) - dayNumber(streak.lastActiveDay) <= 1 ? streak.current : 0;
}
