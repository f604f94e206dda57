/**
 * `/quiz me`: a personal review of the learner's due cards, one question at a time, privately.
 * Each answer grades the card (cards.ts) and brings the next due one.
 */

import { findQuestion } from "../course/course.ts";
import type { Reply } from "../reply.ts";
import type { ActionHandler } from "../router/command.ts";
import { answered, privately } from "../router/handled.ts";
import { formatInZone } from "../study/format-time.ts";
import type { Study } from "../study/study-options.ts";
import { gradeCard } from "./cards.ts";
import { answerFeedback, questionReply } from "./quiz-commands.ts";
import { isOption, optionButtons, parseChoiceValue } from "./quiz-options.ts";

export const REVIEW_ACTION = "review-answer";
/** The button that starts a review where no command is typed (the learner's home). */
export const REVIEW_START_ACTION = "review-start";
const REVIEW_BATCH = 50;

/** The first due card as a private question, or a note that nothing is due. */
export async function nextReview(study: Study, userId: string): Promise<Reply> {
	const due = await study.store.listDueCards(userId, study.clock.now(), REVIEW_BATCH);
	for (const card of due) {
		const question = findQuestion(study.course, card.questionId);
		if (!question) continue;
		const asked = questionReply(question, study.course);
		return {
			...asked,
			header: `Review · ${due.length >= REVIEW_BATCH ? `${REVIEW_BATCH}+` : due.length} due · ${asked.header ?? ""}`,
			buttons: optionButtons(REVIEW_ACTION, question.id, question),
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
			const parsed = parseChoiceValue(value);
			const question = parsed && findQuestion(study.course, parsed.id);
			if (!parsed || !question || !isOption(question, parsed.choice)) {
				return privately("That review button does not match a question I know. Start again with /quiz me.");
			}
			const now = study.clock.now();
			// A button of a review already answered (a double press, an old private message) must not
			// grade the card again: each extra "Again" or "Good" would move its FSRS state for nothing.
			const card = await study.store.getCard(context.userId, question.id);
			if (!card) return privately("That question is not among your review cards. Start again with /quiz me.");
			if (card.card.due.getTime() > now.getTime()) {
				const zone = (await study.store.getChannel(context.channelId))?.timeZone ?? study.options.defaultTimeZone;
				const text = `You already reviewed this card; it comes back ${formatInZone(card.card.due, zone)}.`;
				return answered({ text, visibility: "private" }, await nextReview(study, context.userId));
			}
			await gradeCard(study.store, context.userId, question.id, parsed.choice === question.answer, now, "review");
			return answered(answerFeedback(question, parsed.choice, study.course), await nextReview(study, context.userId));
		},
	};
}

/** A press on "Start my review": the first due card, as `/quiz me` answers it. */
export function reviewStartAction(study: Study): ActionHandler {
	return {
		action: REVIEW_START_ACTION,
		run: async (_value, context) => answered(await nextReview(study, context.userId)),
	};
}
