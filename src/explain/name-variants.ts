import { editDistance, typoBudget } from "./text.ts";

/** How one word of a question may meet the names of the glossary. */
export interface WordVariants {
	readonly word: string;
	/** Name tokens within the word's typo budget (the word itself excluded). */
	readonly typos: ReadonlySet<string>;
	/** Name tokens the word begins (for words of five letters or more). */
	readonly prefixes: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Every token used in any term's names, so that a question's words are compared with the
 * vocabulary once per question instead of once per candidate term. Typos are looked for among
 * names with the same first letter and a close length (people rarely mistype the first letter),
 * prefixes by binary search in the sorted list.
 */
export class NameVocabulary {
	readonly #byFirstLetter = new Map<string, string[]>();
	#sorted: string[] = [];
	#dirty = false;

	add(token: string): void {
		const first = token[0] ?? "";
		const bucket = this.#byFirstLetter.get(first);
		if (bucket?.includes(token)) return;
		if (bucket) bucket.push(token);
		else this.#byFirstLetter.set(first, [token]);
		this.#sorted.push(token);
		this.#dirty = true;
	}

	variants(word: string, withTypos: boolean): WordVariants {
		if (!withTypos) return { word, typos: NONE, prefixes: NONE };
		return { word, typos: this.#typos(word), prefixes: word.length >= 5 ? this.#prefixes(word) : NONE };
	}

	#typos(word: string): ReadonlySet<string> {
		const budget = typoBudget(word);
		if (budget === 0) return NONE;
		const found = new Set<string>();
		for (const name of this.#byFirstLetter.get(word[0] ?? "") ?? []) {
			if (name === word) continue;
			if (Math.abs(name.length - word.length) <= budget && editDistance(word, name, budget) <= budget) found.add(name);
			// Folding took "-ion" off ("toleration" is tolerat): a misspelling of the whole word ("tolerashion") is still that name.
			else if (
				name.endsWith("t") &&
				Math.abs(name.length + 3 - word.length) <= budget &&
				editDistance(word, `${name}ion`, budget) <= budget
			)
				found.add(name);
		}
		return found.size > 0 ? found : NONE;
	}

	#prefixes(word: string): ReadonlySet<string> {
		if (this.#dirty) {
			this.#sorted.sort();
			this.#dirty = false;
		}
		let low = 0;
		let high = this.#sorted.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if ((this.#sorted[mid] ?? "") < word) low = mid + 1;
			else high = mid;
		}
		const found = new Set<string>();
		for (let i = low; i < this.#sorted.length; i++) {
			const name = this.#sorted[i] ?? "";
			if (!name.startsWith(word)) break;
			if (name.length > word.length) found.add(name);
		}
		return found.size > 0 ? found : NONE;
	}
}
