import type { Course, CourseQuestion } from "../course/course.ts";
import { findEpisode, questionsFor } from "../course/course.ts";
import type { Explainer } from "../explain/explainer.ts";
import type { Reply } from "../reply.ts";
import type { ActionHandler, Command } from "../router/command.ts";

/** Picks one item; injected so that tests are repeatable. */
export type Pick = <T>(items: readonly T[]) => T | undefined;

export const randomPick: Pick = (items) => items[Math.floor(Math.random() * items.length)];

const LETTERS = ["A", "B", "C", "D"];

/** A question with its options as buttons; the button value carries the question id and the option. */
export function questionReply(question: CourseQuestion, course: Course): Reply {
	const episode = findEpisode(course, question.episode);
	return {
		header: `Quiz · Episode ${question.episode}${episode ? `: ${episode.title}` : ""}`,
		text: `${question.question}\n${question.options.map((option, i) => `${LETTERS[i]}. ${option}`).join("\n")}`,
		buttons: question.options.map((option, i) => ({
			action: "quiz-answer",
			label: `${LETTERS[i]}. ${option}`,
			value: `${question.id}:${i}`,
		})),
		footer: `${question.difficulty} · answers are private to you`,
	};
}

export function quizCommand(course: Course, explainer: Explainer, pick: Pick = randomPick): Command {
	return {
		name: "quiz",
		usage: "/quiz [EPISODE | TOPIC]",
		summary: "asks a recall question: any episode, one episode (`/quiz 2`) or a topic (`/quiz probes`)",
		async run(args) {
			const question = pick(questionsMatching(course, explainer, args));
			if (!question) {
				return [
					{
						text: `I have no question on "${args}". Try \`/quiz\`, \`/quiz 1\` to \`/quiz ${course.episodes.length}\`, or a topic such as \`/quiz OOMKilled\`.`,
						visibility: "private",
					},
				];
			}
			return [questionReply(question, course)];
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

/** "Quiz me on this" (value: glossary id) and "Quiz me on this episode" (value: episode number). */
export function quizActions(course: Course, pick: Pick = randomPick): ActionHandler[] {
	const ask = (questions: readonly CourseQuestion[]): readonly Reply[] => {
		const question = pick(questions);
		return question ? [questionReply(question, course)] : [{ text: "I have no question on that yet.", visibility: "private" }];
	};
	return [
		{ action: "quiz", run: async (value) => ask(questionsOnConcept(course, value)) },
		{ action: "quiz-episode", run: async (value) => ask(questionsFor(course, Number(value))) },
		{
			action: "quiz-answer",
			async run(value) {
				const [id, choice] = value.split(":");
				const question = course.questions.find((q) => q.id === id);
				const chosen = Number(choice);
				if (!question || !Number.isInteger(chosen) || chosen < 0 || chosen >= question.options.length) {
					return [{ text: "That answer button does not match a question I know. Ask for a new one with /quiz.", visibility: "private" }];
				}
				return [answerFeedback(question, chosen, course)];
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
		text: `${right ? "" : `The answer is ${LETTERS[question.answer]}. ${question.options[question.answer]}.\n`}${question.explanation}`,
		buttons: [
			{ action: "explain", label: "Explain the concept", value: question.concept },
			{ action: "quiz-episode", label: "Another question", value: String(question.episode) },
		],
		footer: `Episode ${question.episode}${episode ? `: ${episode.title}` : ""}`,
		visibility: "private",
	};
}
