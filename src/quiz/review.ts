/**
 * `/quiz me`: a personal review of the learner's due cards, one question at a time, privately.
 * Each answer grades the card (cards.ts) and brings the next due one.
 */

import type { Reply } from "../reply.ts";
import type { ActionHandler } from "../router/command.ts";
import { formatInZone } from "../study/format-time.ts";
import type { Study } from "../study/study-options.ts";
import { gradeCard } from "./cards.ts";
import { answerFeedback, questionReply } from "./quiz-commands.ts";

export const REVIEW_ACTION = "review-answer";
const REVIEW_BATCH = 50;

/** The first due card as a private question, or a note that nothing is due. */
export async function nextReview(study: Study, userId: string): Promise<Reply> {
	const due = await study.store.listDueCards(userId, study.clock.now(), REVIEW_BATCH);
	for (const card of due) {
		const question = study.course.questions.find((q) => q.id === card.questionId);
		if (!question) continue;
		const asked = questionReply(question, study.course);
		return {
			...asked,
			header: `Review · ${due.length >= REVIEW_BATCH ? `${REVIEW_BATCH}+` : due.length} due · ${asked.header ?? ""}`,
			buttons: (asked.buttons ?? []).map((b, i) => ({ ...b, action: REVIEW_ACTION, value: `${question.id}:${i}` })),
			footer: "Private review: your answer schedules this card's next review.",
			visibility: "private",
		};
	}
	return {
		text: "Nothing is due for review. Cards come from the quizzes you answer; FSRS brings each back when you are about to forget it.",
		visibility: "private",
	};
}

export function reviewAnswerAction(study: Study): ActionHandler {
	return {
		action: REVIEW_ACTION,
		async run(value, context) {
			const [questionId = "", choiceText = ""] = value.split(":");
			const question = study.course.questions.find((q) => q.id === questionId);
			const choice = Number(choiceText);
			if (!question || !Number.isInteger(choice) || choice < 0 || choice >= question.options.length) {
				return [{ text: "That review button does not match a question I know. Start again with /quiz me.", visibility: "private" }];
			}
			const now = study.clock.now();
			// A button of a review already answered (a double press, an old private message) must not
			// grade the card again: each extra "Again" or "Good" would move its FSRS state for nothing.
			const card = await study.store.getCard(context.userId, question.id);
			if (!card) return [{ text: "That question is not among your review cards. Start again with /quiz me.", visibility: "private" }];
			if (card.card.due.getTime() > now.getTime()) {
				const zone = (await study.store.getChannel(context.channelId))?.timeZone ?? study.options.defaultTimeZone;
				const text = `You already reviewed this card; it comes back ${formatInZone(card.card.due, zone)}.`;
				return [{ text, visibility: "private" }, await nextReview(study, context.userId)];
			}
			await gradeCard(study.store, context.userId, question.id, choice === question.answer, now);
			return [answerFeedback(question, choice, study.course), await nextReview(study, context.userId)];
		},
	};
}
