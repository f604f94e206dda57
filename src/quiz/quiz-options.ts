/**
 * A question's options as every quiz shows them (a private question, a channel post, a review),
 * and the value of an option's button: defined once, parsed one way.
 */
import type { CourseQuestion } from "../course/course.ts";
import type { ReplyButton } from "../reply.ts";

/** The course schema allows at most four options. */
export const OPTION_LETTERS = ["A", "B", "C", "D"] as const;

export const optionLetter = (index: number): string => OPTION_LETTERS[index] ?? String(index + 1);

/** "A. First option" lines. */
export const optionLines = (question: CourseQuestion): string[] => question.options.map((option, i) => `${optionLetter(i)}. ${option}`);

/** The value of the button for option `choice` of the quiz or question `id` (ids hold no ":"). */
export const choiceValue = (id: string, choice: number): string => `${id}:${choice}`;

/** `id` and `choice` of a value made by choiceValue; null when it is not one. */
export function parseChoiceValue(value: string): { readonly id: string; readonly choice: number } | null {
	const cut = value.lastIndexOf(":");
	const digits = value.slice(cut + 1);
	if (cut <= 0 || !/^\d{1,2}$/.test(digits)) return null;
	return { id: value.slice(0, cut), choice: Number(digits) };
}

/** True when `choice` is one of the question's options. */
export const isOption = (question: CourseQuestion, choice: number): boolean => choice >= 0 && choice < question.options.length;

/** One button per option, lettered, pressing `action` with choiceValue(id, i). */
export function optionButtons(action: string, id: string, question: CourseQuestion): ReplyButton[] {
	return question.options.map((option, i) => ({
		action,
		label: `${optionLetter(i)}. ${option}`,
		value: choiceValue(id, i),
		option: optionLetter(i),
	}));
}
