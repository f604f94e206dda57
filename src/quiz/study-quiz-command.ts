/**
 * `/quiz` with a store and a chat port: `/quiz [EPISODE | TOPIC]` posts a question in the channel
 * for everyone (answers counted, revealed at close), `/quiz me` reviews your due cards, `/quiz
 * mine` shows your progress. Without them (the CLI, router tests) quiz-commands.ts answers alone.
 */

import type { Explainer } from "../explain/explainer.ts";
import type { Command } from "../router/command.ts";
import { answered, privately } from "../router/handled.ts";
import { handlePostFailure } from "../study/channel-gone.ts";
import type { Study } from "../study/study-options.ts";
import { progressReply } from "./progress.ts";
import { noQuestionReply, type Pick, pickQuestion } from "./quiz-commands.ts";
import { postQuizNow } from "./quiz-posting.ts";
import { nextReview } from "./review.ts";

export function studyQuizCommand(study: Study, explainer: Explainer, pick: Pick): Command {
	return {
		name: "quiz",
		usage: "/quiz [EPISODE | TOPIC | me | mine]",
		summary: "posts a recall question here (any, `/quiz 2`, `/quiz probes`); `/quiz me` reviews your due cards; `/quiz mine` your progress",
		async run(args, context) {
			const word = args.trim().toLowerCase();
			if (word === "me") return answered(await nextReview(study, context.userId));
			if (word === "mine") return answered(await progressReply(study, context));
			const question = pickQuestion(study.course, explainer, pick, args);
			if (!question) return answered(noQuestionReply(study.course, args));
			const channel = await study.store.getChannel(context.channelId);
			try {
				await postQuizNow(study, context.channelId, question, channel?.timeZone ?? study.options.defaultTimeZone);
			} catch (error) {
				await handlePostFailure(study, context.channelId, "a quiz", error);
				return privately("I could not post the quiz in this channel just now.");
			}
			// The quiz is the channel post itself; nothing more to say to the one who asked.
			return answered();
		},
	};
}
