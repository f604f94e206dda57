import type { Course, CourseQuestion } from "../course/course.ts";
import { findEpisode, findQuestion, questionsFor } from "../course/course.ts";
import type { Explainer } from "../explain/explainer.ts";
import type { Reply } from "../reply.ts";
import type { ActionHandler, Command } from "../router/command.ts";
import { answered, privately } from "../router/handled.ts";
import { isOption, optionButtons, optionLetter, optionLines, parseChoiceValue } from "./quiz-options.ts";

/** Picks one item; injected so that tests are repeatable. */
export type Pick = <T>(items: readonly T[]) => T | undefined;

export const randomPick: Pick = (items) => items[Math.floor(Math.random() * items.length)];

export const QUIZ_ANSWER_ACTION = "quiz-answer";

/** A question with its options as buttons; the button value carries the question id and the option. */
export function questionReply(question: CourseQuestion, course: Course): Reply {
	const episode = findEpisode(course, question.episode);
	return {
		header: `Quiz · Episode ${question.episode}${episode ? `: ${episode.title}` : ""}`,
		text: [question.question, ...optionLines(question)].join("\n"),
		buttons: optionButtons(QUIZ_ANSWER_ACTION, question.id, question),
		footer: `${question.difficulty} · answers are private to you`,
	};
}

/** The question `/quiz ARGS` asks: any, one of an episode (`2`) or on a topic (`probes`); undefined when none fits. */
export function pickQuestion(course: Course, explainer: Explainer, pick: Pick, args: string): CourseQuestion | undefined {
	return pick(questionsMatching(course, explainer, args));
}

export function noQuestionReply(course: Course, args: string): Reply {
	return {
		text: `I have no question on "${args}". Try \`/quiz\`, \`/quiz 1\` to \`/quiz ${course.episodes.length}\`, or a topic such as \`/quiz OOMKilled\`.`,
		visibility: "private",
	};
}

export function quizCommand(course: Course, explainer: Explainer, pick: Pick = randomPick): Command {
	return {
		name: "quiz",
		usage: "/quiz [EPISODE | TOPIC]",
		summary: "asks a recall question: any episode, one episode (`/quiz 2`) or a topic (`/quiz probes`)",
		async run(args) {
			const question = pickQuestion(course, explainer, pick, args);
			return answered(question ? questionReply(question, course) : noQuestionReply(course, args));
		},
	};
}

function questionsMatching(course: Course, explainer: Explainer, args: string): readonly CourseQuestion[] {
	if (args === "") return course.questions;
	if (/^\d+$/.test(args)) return questionsFor(course, Number(args));
	const answer = explainer.explain(args);
	return answer.term ? questionsOnConcept(course, answer.term) : [];
}

/** Questions on a concept; failing that, on its related concepts; failing that, from its episode. */
export function questionsOnConcept(course: Course, termId: string): readonly CourseQuestion[] {
	const direct = course.questions.filter((q) => q.concept === termId);
	if (direct.length > 0) return direct;
	const term = course.glossary.find((t) => t.id === termId);
	if (!term) return [];
	const related = course.questions.filter((q) => term.related.includes(q.concept));
	return related.length > 0 ? related : questionsFor(course, term.episode);
}

/** "Quiz me on this" (value: glossary id), "Quiz me on this episode" (value: episode number) and the answers to a private question. */
export function quizActions(course: Course, pick: Pick = randomPick): ActionHandler[] {
	const ask = (questions: readonly CourseQuestion[]) => {
		const question = pick(questions);
		return question ? answered(questionReply(question, course)) : privately("I have no question on that yet.");
	};
	return [
		{ action: "quiz", run: async (value) => ask(questionsOnConcept(course, value)) },
		{ action: "quiz-episode", run: async (value) => ask(questionsFor(course, Number(value))) },
		{
			action: QUIZ_ANSWER_ACTION,
			async run(value) {
				const parsed = parseChoiceValue(value);
				const question = parsed && findQuestion(course, parsed.id);
				if (!parsed || !question || !isOption(question, parsed.choice)) {
					return privately("That answer button does not match a question I know. Ask for a new one with /quiz.");
				}
				return answered(answerFeedback(question, parsed.choice, course));
			},
		},
	];
}

/** Private feedback on one answer: right or wrong, the explanation and where it is taught. */
export function answerFeedback(question: CourseQuestion, chosen: number, course: Course): Reply {
	const right = chosen === question.answer;
	const episode = findEpisode(course, question.episode);
	return {
		header: right ? "Right" : "Not quite",
		text: `${right ? "" : `The answer is ${optionLetter(question.answer)}. ${question.options[question.answer]}.\n`}${question.explanation}`,
		buttons: [
			{ action: "explain", label: "Explain the concept", value: question.concept },
			{ action: "quiz-episode", label: "Another question", value: String(question.episode) },
		],
		footer: `Episode ${question.episode}${episode ? `: ${episode.title}` : ""}`,
		visibility: "private",
	};
}
