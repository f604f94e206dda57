/**
 * A learner's home: their progress across the channels of their workspace that follow a course
 * (answers, accuracy, the best streak that still holds) and the reviews due, with a button that
 * starts them. Platform-neutral; Slack shows it in the App Home tab.
 */
import type { Reply } from "../reply.ts";
import type { CommandContext } from "../router/command.ts";
import { formatInZone } from "../study/format-time.ts";
import type { Study } from "../study/study-options.ts";
import { allCards, currentStreak, reviewTally } from "./progress.ts";
import { REVIEW_START_ACTION } from "./review.ts";

const ALL_TIME = { from: new Date(0), to: new Date(8.64e15) };
const DUE_LIMIT = 1000;

export async function learnerHome(study: Study, context: CommandContext): Promise<Reply> {
	const { store, clock, options } = study;
	const now = clock.now();
	const channels = (await store.listChannels()).filter((channel) => channel.channelId.startsWith(`${context.workspaceId}:`));
	const perChannel = await Promise.all(
		channels.map(async (channel) => {
			const [answers, streak] = await Promise.all([
				store.listAnswers({ channelId: channel.channelId, range: ALL_TIME, userId: context.userId }),
				store.getStreak(channel.channelId, context.userId),
			]);
			return { answers, streak: currentStreak(streak, now, channel.timeZone), longest: streak?.longest ?? 0 };
		}),
	);
	const [due, next, cards] = await Promise.all([
		store.listDueCards(context.userId, now, DUE_LIMIT),
		store.listDueCards(context.userId, ALL_TIME.to, 1),
		allCards(store, context.userId),
	]);
	const reviews = reviewTally(cards);
	const quizzes = perChannel.reduce((sum, channel) => sum + channel.answers.length, 0);
	const answered = quizzes + reviews.answered;
	const right = perChannel.reduce((sum, channel) => sum + channel.answers.filter((answer) => answer.correct).length, 0) + reviews.right;
	const active = perChannel.filter((channel) => channel.answers.length > 0).length;
	const streak = Math.max(0, ...perChannel.map((channel) => channel.streak));
	const longest = Math.max(0, ...perChannel.map((channel) => channel.longest));
	const dueCount = due.length >= DUE_LIMIT ? `${DUE_LIMIT}+` : String(due.length);
	const upcoming = next[0]?.card.due;
	const dueText =
		due.length > 0
			? `${dueCount} card${due.length === 1 ? "" : "s"} to review now`
			: upcoming === undefined
				? "None yet: cards come from the quizzes you answer in a channel"
				: `None now; the next one comes ${formatInZone(upcoming, options.defaultTimeZone)}`;
	return {
		header: "Your kubecoach progress",
		text:
			answered === 0
				? "You have not answered a quiz yet. Quizzes come to channels that follow the course (`/course start`); `/quiz` asks one now."
				: `Across ${active} channel${active === 1 ? "" : "s"} of this workspace.`,
		fields: [
			{ label: "Quizzes answered", value: String(quizzes) },
			{ label: "Reviews (/quiz me)", value: String(reviews.answered) },
			{
				label: "Accuracy (quizzes and reviews)",
				value: answered === 0 ? "–" : `${Math.round((100 * right) / answered)}% (${right} of ${answered} right)`,
			},
			{ label: "Streak (days with a quiz answer)", value: `${streak} day${streak === 1 ? "" : "s"} (longest ${longest})` },
			{ label: "Due reviews", value: dueText },
		],
		...(due.length > 0
			? { buttons: [{ action: REVIEW_START_ACTION, label: `Start my review (${dueCount} due)`, value: "home", style: "primary" as const }] }
			: {}),
		visibility: "private",
	};
}
