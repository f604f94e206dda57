/**
 * A press on an option of a quiz posted in the channel: recorded once per learner through
 * Store.recordAnswer and answered privately at once; then, after the acknowledgement, the
 * learner's review card is graded and the count on the channel post updated (the count only, so
 * the answer stays hidden until the reveal).
 */

import type { CourseQuestion } from "../course/course.ts";
import { noMetrics } from "../ports/metrics.ts";
import { type Answer, calendarDay, type QuizPost, StoreUnavailableError } from "../ports/store.ts";
import type { ActionHandler, CommandContext, Handled } from "../router/command.ts";
import { privately } from "../router/handled.ts";
import type { Study } from "../study/study-options.ts";
import { gradeCard } from "./cards.ts";
import { answerFeedback } from "./quiz-commands.ts";
import { refreshCount } from "./quiz-count.ts";
import { isOption, optionLetter, parseChoiceValue } from "./quiz-options.ts";
import { QUIZ_POST_ACTION } from "./quiz-post-reply.ts";

/**
 * A busy post's count is edited at most this often: Slack allows about 50 message edits a minute
 * and Discord 5 per 5 seconds in a channel, and a learner reads a count a second old as live.
 */
const COUNT_REFRESH_MS = 1000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One count refresh at a time per post: answers arriving together each ask for one, and updates
 * sent in parallel can reach the chat out of order (29 after 30). A request made while one runs
 * makes it run once more, reading the count afresh, so the last update shows the latest count.
 * Each run starts at least COUNT_REFRESH_MS after the previous one of the post started, so a
 * stream of answers costs one edit a second, not one per answer.
 */
function serializedRefresh(study: Study): (post: QuizPost, question: CourseQuestion, timeZone: string) => Promise<void> {
	const running = new Map<string, { again: boolean; done: Promise<void> }>();
	// When each post's last refresh started, oldest first (re-inserted on each start).
	const started = new Map<string, number>();
	const forgetOld = (now: number) => {
		for (const [key, at] of started) {
			if (now - at < COUNT_REFRESH_MS) return;
			started.delete(key);
		}
	};
	return (post, question, timeZone) => {
		const key = `${post.channelId}\n${post.id}`;
		const current = running.get(key);
		if (current) {
			current.again = true;
			return current.done;
		}
		const state = { again: false, done: Promise.resolve() };
		state.done = (async () => {
			try {
				do {
					const wait = (started.get(key) ?? Number.NEGATIVE_INFINITY) + COUNT_REFRESH_MS - performance.now();
					if (wait > 0) await sleep(wait);
					// Requests made while waiting are served by this run.
					state.again = false;
					started.delete(key);
					started.set(key, performance.now());
					await refreshCount(study, post, question, timeZone);
				} while (state.again);
			} finally {
				running.delete(key);
				forgetOld(performance.now());
			}
		})();
		running.set(key, state);
		return state.done;
	};
}

export function quizPostAnswerAction(study: Study): ActionHandler {
	const { course, store, clock, options } = study;
	const refresh = serializedRefresh(study);
	return {
		action: QUIZ_POST_ACTION,
		async run(value: string, context: CommandContext) {
			try {
				return await answer(value, context);
			} catch (error) {
				// Nothing was recorded, or the outcome is unknown: pressing again is safe either way.
				if (error instanceof StoreUnavailableError) return privately(new StoreUnavailableError("recordAnswer").message);
				throw error;
			}
		},
	};

	async function answer(value: string, context: CommandContext): Promise<Handled> {
		const parsed = parseChoiceValue(value);
		const post = parsed ? await store.getQuizPost(context.channelId, parsed.id) : null;
		const question = post ? course.questions.find((q) => q.id === post.questionId) : undefined;
		if (!parsed || !post || !question || !isOption(question, parsed.choice)) {
			return privately("That button does not belong to a quiz I posted in this channel. Ask for a new one with /quiz.");
		}
		const now = clock.now();
		if (post.revealedAt !== null || now.getTime() >= post.closesAt.getTime()) {
			return privately(`This quiz has closed. The answer was ${optionLetter(question.answer)}. ${question.options[question.answer]}.`);
		}
		const channel = await store.getChannel(context.channelId);
		const timeZone = channel?.timeZone ?? options.defaultTimeZone;
		const given: Answer = {
			channelId: context.channelId,
			quizId: post.id,
			userId: context.userId,
			questionId: question.id,
			episode: question.episode,
			choice: optionLetter(parsed.choice).toLowerCase(),
			correct: parsed.choice === question.answer,
			answeredAt: now,
			day: calendarDay(now, timeZone),
		};
		const metrics = study.metrics ?? noMetrics;
		const result = await store.recordAnswer(given).catch((error: unknown) => {
			metrics.quizAnswer("failed");
			throw error;
		});
		metrics.quizAnswer(result.status === "already-answered" ? "repeat" : "recorded");
		if (result.status === "already-answered") {
			const first = result.answer.choice.toUpperCase();
			return privately(`You already answered this quiz (${first}); your first answer counts. The result comes when the quiz closes.`);
		}
		return {
			replies: [answerFeedback(question, parsed.choice, course)],
			followUp: async () => {
				try {
					await gradeCard(store, context.userId, question.id, given.correct, now);
				} catch (error) {
					study.logger.warn(`Could not schedule the review card of ${context.userId} for ${question.id}: ${String(error)}`);
				}
				await refresh(post, question, timeZone);
				return [];
			},
		};
	}
}
