/**
 * A press on an option of a quiz posted in the channel: recorded once per learner through
 * Store.recordAnswer and answered privately at once; then, after the acknowledgement, the
 * learner's review card is graded and the count on the channel post updated (the count only, so
 * the answer stays hidden until the reveal).
 */

import { type CourseQuestion, findQuestion } from "../course/course.ts";
import { noMetrics } from "../ports/metrics.ts";
import { type Answer, calendarDay, StoreUnavailableError } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import type { ActionHandler, CommandContext, Handled } from "../router/command.ts";
import { privately } from "../router/handled.ts";
import type { Study } from "../study/study-options.ts";
import { gradeCard } from "./cards.ts";
import { CountRefresher } from "./count-refresher.ts";
import { answerFeedback } from "./quiz-commands.ts";
import { isOption, optionLetter, parseChoiceValue } from "./quiz-options.ts";
import { QUIZ_POST_ACTION } from "./quiz-post-reply.ts";

const NOT_OUR_QUIZ = "That button does not belong to a quiz I posted in this channel. Ask for a new one with /quiz.";

export function quizPostAnswerAction(study: Study): ActionHandler {
	const { course, store, clock, options } = study;
	const counts = new CountRefresher(study, study.options.countEditIntervalMs);
	// The feedback depends on the option alone, and everyone in a busy channel picks one of a few:
	// built once per option (replies are read-only), not per press.
	const feedback = new Map<string, Reply>();
	const feedbackOn = (question: CourseQuestion, choice: number): Reply => {
		const key = `${question.id}\n${choice}`;
		let reply = feedback.get(key);
		if (reply === undefined) {
			reply = answerFeedback(question, choice, course);
			feedback.set(key, reply);
		}
		return reply;
	};
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
		if (!parsed) return privately(NOT_OUR_QUIZ);
		// Read together (one round trip to a remote store): the channel's zone dates the answer.
		const { post, channel } = await store.getQuizPostAndChannel(context.channelId, parsed.id);
		const question = post ? findQuestion(course, post.questionId) : undefined;
		if (!post || !question || !isOption(question, parsed.choice)) {
			return privately(NOT_OUR_QUIZ);
		}
		const now = clock.now();
		if (post.revealedAt !== null || now.getTime() >= post.closesAt.getTime()) {
			return privately(`This quiz has closed. The answer was ${optionLetter(question.answer)}. ${question.options[question.answer]}.`);
		}
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
			replies: [feedbackOn(question, parsed.choice)],
			followUp: async () => {
				try {
					await gradeCard(store, context.userId, question.id, given.correct, now);
				} catch (error) {
					study.logger.warn(`Could not schedule the review card of ${context.userId} for ${question.id}: ${String(error)}`);
				}
				await counts.request(post, question, timeZone);
				return [];
			},
		};
	}
}
