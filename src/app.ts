import { Authorization } from "./authorization/authorization.ts";
import type { Policy } from "./authorization/policy.ts";
import { courseCommand } from "./channel-course/course-commands.ts";
import type { Course } from "./course/course.ts";
import { episodeCommand, episodesCommand } from "./course/episode-commands.ts";
import { explainAction, explainCommand, explainMoreAction } from "./explain/explain-command.ts";
import { Explainer } from "./explain/explainer.ts";
import { participationCommand } from "./participation/participation-command.ts";
import type { AuditLog } from "./ports/audit-log.ts";
import type { ClusterReader } from "./ports/cluster-reader.ts";
import type { Logger } from "./ports/logger.ts";
import type { Metrics } from "./ports/metrics.ts";
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
	/**
	 * Who may read which cluster and namespace from which channel (`/readiness`, `/explain pod/`);
	 * none: any cluster within `readinessNamespaces`. Deny by default once set.
	 */
	readonly policy?: Policy;
	/** Managers (KUBECOACH_MANAGERS): user or group ids. */
	readonly managers?: readonly string[];
	/** Every cluster read asked from chat and every refusal is recorded here. */
	readonly audit?: AuditLog;
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
	/** What the core counts for operators (commands, readiness runs, quiz answers); default nothing. */
	readonly metrics?: Metrics;
}

/** Wires the core's commands for one course; adapters talk to the router it returns. */
export function createCore(options: CoreOptions): { router: CommandRouter; explainer: Explainer; authorization: Authorization } {
	const { course } = options;
	const pick = options.pick ?? randomPick;
	const explainer = new Explainer(course);
	const logger = options.logger ?? options.study?.logger;
	const authorization = new Authorization({
		admins: options.study?.options.admins ?? [],
		managers: options.managers ?? options.study?.options.managers ?? [],
		namespaces: options.readinessNamespaces ?? ["*"],
		...(options.policy === undefined ? {} : { policy: options.policy }),
	});
	const guarded = {
		authorization,
		...(options.audit === undefined ? {} : { audit: options.audit }),
		...(logger === undefined ? {} : { logger }),
	};
	const readiness = readinessCommand({
		...guarded,
		...(options.clusterReader === undefined ? {} : { clusterReader: options.clusterReader }),
		...(options.now === undefined ? {} : { now: options.now }),
		...(options.readinessDemo === undefined ? {} : { demo: options.readinessDemo }),
		...(options.metrics === undefined ? {} : { metrics: options.metrics }),
		termName: (id) => course.glossary.find((term) => term.id === id)?.term,
	});
	const study: Study | undefined = options.study && { ...options.study, course };
	const live = {
		...guarded,
		...(options.objectReader === undefined ? {} : { reader: options.objectReader }),
		...(options.now === undefined ? {} : { now: options.now }),
	};
	const commands: Command[] = [explainCommand(explainer, live), episodesCommand(course), episodeCommand(course)];
	const actions: ActionHandler[] = [explainAction(explainer), explainMoreAction(explainer), ...quizActions(course, pick)];
	if (study) {
		commands.push(
			studyQuizCommand(study, explainer, pick),
			courseCommand(study, authorization),
			participationCommand(study, (context) => authorization.isManager(context)),
		);
		actions.push(quizPostAnswerAction(study), reviewAnswerAction(study), reviewStartAction(study));
	} else commands.push(quizCommand(course, explainer, pick));
	const suggest = createSuggest(course, options.readinessNamespaces ?? ["*"]);
	const router = new CommandRouter([...commands, readiness], actions, {
		suggest,
		...(options.metrics === undefined ? {} : { metrics: options.metrics }),
		...(logger === undefined ? {} : { logger }),
		...(study === undefined ? {} : { home: (context: CommandContext) => learnerHome(study, context) }),
	});
	return { router, explainer, authorization };
}
