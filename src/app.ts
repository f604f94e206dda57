import { courseCommand } from "./channel-course/course-commands.ts";
import type { Course } from "./course/course.ts";
import { episodeCommand, episodesCommand } from "./course/episode-commands.ts";
import { explainAction, explainCommand, explainMoreAction } from "./explain/explain-command.ts";
import { Explainer } from "./explain/explainer.ts";
import { participationCommand } from "./participation/participation-command.ts";
import type { ClusterReader } from "./ports/cluster-reader.ts";
import type { Logger } from "./ports/logger.ts";
import type { ObjectReader } from "./ports/object-reader.ts";
import { learnerHome } from "./quiz/learner-home.ts";
import { quizPostAnswerAction } from "./quiz/quiz-answers.ts";
import { type Pick, quizActions, quizCommand, randomPick } from "./quiz/quiz-commands.ts";
import { reviewAnswerAction, reviewStartAction } from "./quiz/review.ts";
import { studyQuizCommand } from "./quiz/study-quiz-command.ts";
import { readinessCommand } from "./readiness/readiness-command.ts";
import type { NamespaceSnapshot } from "./readiness/snapshot.ts";
import type { ActionHandler, Command, CommandContext } from "./router/command.ts";
import { CommandRouter } from "./router/router.ts";
import { createSuggest } from "./router/suggestions.ts";
import type { Study } from "./study/study-options.ts";

export interface CoreOptions {
	readonly course: Course;
	readonly pick?: Pick;
	/** The cluster `/readiness NS` audits; without one it offers `/readiness --demo`. */
	readonly clusterReader?: ClusterReader;
	/** The live objects `/explain pod/NAME` reads (same cluster, allow-list and rules as /readiness). */
	readonly objectReader?: ObjectReader;
	/** Namespaces `/readiness` may audit (names or `*` patterns, KUBECOACH_READINESS_NAMESPACES); default all. */
	readonly readinessNamespaces?: readonly string[];
	/** Clock for readiness exemption expiry; tests pass a fixed one. */
	readonly now?: () => Date;
	/** Reads the demo namespace for `/readiness --demo`; without it the demo is not offered. */
	readonly readinessDemo?: (now: Date) => Promise<NamespaceSnapshot>;
	/**
	 * Courses in channels (`/course`, quizzes posted in the channel, `/quiz me`, `/quiz mine`).
	 * Without it `/quiz` asks privately and remembers nothing.
	 */
	readonly study?: Omit<Study, "course">;
	/** Where a command that fails is logged (default: the study's logger, else nowhere). */
	readonly logger?: Logger;
}

/** Wires the core's commands for one course; adapters talk to the router it returns. */
export function createCore(options: CoreOptions): { router: CommandRouter; explainer: Explainer } {
	const { course } = options;
	const pick = options.pick ?? randomPick;
	const explainer = new Explainer(course);
	const readiness = readinessCommand({
		...(options.clusterReader === undefined ? {} : { clusterReader: options.clusterReader }),
		...(options.readinessNamespaces === undefined ? {} : { namespaces: options.readinessNamespaces }),
		...(options.now === undefined ? {} : { now: options.now }),
		...(options.readinessDemo === undefined ? {} : { demo: options.readinessDemo }),
		termName: (id) => course.glossary.find((term) => term.id === id)?.term,
	});
	const study: Study | undefined = options.study && { ...options.study, course };
	const live = {
		...(options.objectReader === undefined ? {} : { reader: options.objectReader }),
		...(options.readinessNamespaces === undefined ? {} : { namespaces: options.readinessNamespaces }),
		...(options.now === undefined ? {} : { now: options.now }),
	};
	const commands: Command[] = [explainCommand(explainer, live), episodesCommand(course), episodeCommand(course)];
	const actions: ActionHandler[] = [explainAction(explainer), explainMoreAction(explainer), ...quizActions(course, pick)];
	if (study) {
		commands.push(studyQuizCommand(study, explainer, pick), courseCommand(study), participationCommand(study));
		actions.push(quizPostAnswerAction(study), reviewAnswerAction(study), reviewStartAction(study));
	} else commands.push(quizCommand(course, explainer, pick));
	const logger = options.logger ?? options.study?.logger;
	const suggest = createSuggest(course, options.readinessNamespaces ?? ["*"]);
	const router = new CommandRouter([...commands, readiness], actions, {
		suggest,
		...(logger === undefined ? {} : { logger }),
		...(study === undefined ? {} : { home: (context: CommandContext) => learnerHome(study, context) }),
	});
	return { router, explainer };
}
