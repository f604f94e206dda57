/**
 * The console's buttons, numbered across the whole session: a number once shown keeps pressing
 * that button (so every open quiz stays answerable by its own number after other commands), and a
 * letter picks an option of the newest message that still shows option buttons (ReplyButton.option,
 * data from the core, not labels). Ids are the core's (buttonIds); the board never reads them.
 */
import type { ReplyButton } from "../../src/reply.ts";
import { buttonIds } from "../../src/router/button-id.ts";

interface Shown {
	readonly ids: readonly string[];
	readonly numbers: readonly number[];
	/** Option letter (upper case) → number. */
	readonly options: ReadonlyMap<string, number>;
}

export class ButtonBoard {
	readonly #ids: string[] = [];
	readonly #messages = new Map<string, Shown>();
	/** Keys of messages showing option buttons, oldest first. */
	#withOptions: string[] = [];

	/**
	 * Numbers the buttons of message `key` (a post's reference, or a reply's own key). A message
	 * shown again with the same buttons (an updated count) keeps its numbers.
	 */
	show(key: string, buttons: readonly ReplyButton[] | undefined): readonly number[] {
		const ids = buttonIds(buttons);
		const before = this.#messages.get(key);
		const same = before !== undefined && before.ids.length === ids.length && before.ids.every((id, i) => id === ids[i]);
		const numbers = same ? before.numbers : ids.map((id) => this.#ids.push(id));
		const options = new Map<string, number>();
		for (const [i, button] of (buttons ?? []).entries()) {
			const number = numbers[i];
			if (button.option !== undefined && number !== undefined) options.set(button.option.toUpperCase(), number);
		}
		this.#messages.set(key, { ids, numbers, options });
		this.#withOptions = this.#withOptions.filter((k) => k !== key);
		if (options.size > 0) this.#withOptions.push(key);
		return numbers;
	}

	/** The id of button `number`, or undefined when no button had it. */
	byNumber(number: number): string | undefined {
		return this.#ids[number - 1];
	}

	/** The id of option `letter` of the newest message showing options, or undefined. */
	byOption(letter: string): string | undefined {
		const key = this.#withOptions.at(-1);
		const number = key === undefined ? undefined : this.#messages.get(key)?.options.get(letter.toUpperCase());
		return number === undefined ? undefined : this.byNumber(number);
	}

	/** True when some message shows option buttons. */
	get hasOptions(): boolean {
		return this.#withOptions.length > 0;
	}
}
