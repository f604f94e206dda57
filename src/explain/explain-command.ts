import type { ActionHandler, Command } from "../router/command.ts";
import { answered, privately } from "../router/handled.ts";
import { explainReply, fullLessonReply, MORE_ACTION, parseMoreValue } from "./explain-reply.ts";
import type { Explainer } from "./explainer.ts";
import { explainLive, isLiveRequest, type LiveExplainOptions } from "./live/explain-live.ts";

export function explainCommand(explainer: Explainer, live: LiveExplainOptions = {}): Command {
	return {
		name: "explain",
		usage: "/explain QUESTION | /explain pod/NAME [-n NS]",
		summary:
			'answers from the lessons: "/explain OOMKilled", "/explain why exit code 137?", paste an error, or "/explain pod/NAME -n NS" for what is failing in a live pod or deployment',
		async run(args, context) {
			if (isLiveRequest(args)) return explainLive(args, explainer, live, context);
			if (args === "") {
				return privately(
					"Tell me what to explain, for example `/explain OOMKilled`, `/explain why is my pod pending` or paste an error line such as `Back-off restarting failed container`.",
				);
			}
			return answered(explainReply(explainer.explain(args)));
		},
	};
}

/** The "Explain X" buttons: the value is a glossary id. */
export function explainAction(explainer: Explainer): ActionHandler {
	return {
		action: "explain",
		async run(value) {
			const answer = explainer.explainTerm(value);
			if (!answer) return privately(`I have no lesson on "${value}" any more. Try \`/explain ${value}\`.`);
			return answered(explainReply(answer));
		},
	};
}

/** The "More" button: the whole lesson, with the user's object names in its commands. */
export function explainMoreAction(explainer: Explainer): ActionHandler {
	return {
		action: MORE_ACTION,
		async run(value) {
			const { term, names } = parseMoreValue(value);
			const answer = explainer.explainTerm(term, names);
			if (!answer) return privately(`I have no lesson on "${term}" any more. Try \`/explain ${term}\`.`);
			return answered(fullLessonReply(answer));
		},
	};
}
