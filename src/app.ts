import { episodeCommand, episodesCommand } from "./commands/episode-commands.ts";
import { explainAction, explainCommand } from "./commands/explain-command.ts";
import { type Pick, quizActions, quizCommand, randomPick } from "./commands/quiz-commands.ts";
import type { Course } from "./course/course.ts";
import { Explainer } from "./explain/explainer.ts";
import { CommandRouter } from "./router/router.ts";

export interface CoreOptions {
	readonly course: Course;
	readonly pick?: Pick;
}

/** Wires the core's commands for one course; adapters talk to the router it returns. */
export function createCore(options: CoreOptions): { router: CommandRouter; explainer: Explainer } {
	const { course } = options;
	const pick = options.pick ?? randomPick;
	const explainer = new Explainer(course);
	const router = new CommandRouter(
		[explainCommand(explainer), episodesCommand(course), episodeCommand(course), quizCommand(course, explainer, pick)],
		[explainAction(explainer), ...quizActions(course, pick)],
	);
	return { router, explainer };
}
