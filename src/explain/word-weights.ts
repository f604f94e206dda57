import type { EnglishFrequencies } from "./background-english.ts";
import type { ExplainTuning } from "./explain-tuning.ts";

/**
 * How much one word of a question says about its topic. A word the glossary uses weighs its
 * rarity among the terms (inverse document frequency) times its topicality: how much more often
 * the course says it than everyday English does ("pod" is all topic, "went" is how people talk).
 * A word the glossary never uses weighs little when the lessons or everyday English use it, and
 * most when nothing does: then it is probably what an off-topic question is about.
 */
export class WordWeights {
	readonly #documentFrequency: ReadonlyMap<string, number>;
	readonly #documents: number;
	readonly #courseCounts: ReadonlyMap<string, number>;
	readonly #courseTotal: number;
	readonly #lessonWords: ReadonlySet<string>;
	readonly #english: EnglishFrequencies;
	readonly #tuning: ExplainTuning;
	readonly #cache = new Map<string, number>();

	constructor(options: {
		documentFrequency: ReadonlyMap<string, number>;
		documents: number;
		/** Every token of the course's text (glossary and lessons), repeats included. */
		courseTokens: readonly string[];
		lessonWords: ReadonlySet<string>;
		english: EnglishFrequencies;
		tuning: ExplainTuning;
	}) {
		this.#documentFrequency = options.documentFrequency;
		this.#documents = options.documents;
		const counts = new Map<string, number>();
		for (const token of options.courseTokens) counts.set(token, (counts.get(token) ?? 0) + 1);
		this.#courseCounts = counts;
		this.#courseTotal = Math.max(1, options.courseTokens.length);
		this.#lessonWords = options.lessonWords;
		this.#english = options.english;
		this.#tuning = options.tuning;
	}

	/** True when some term's names, errors, phrasings or text use the token. */
	known(token: string): boolean {
		return this.#documentFrequency.has(token);
	}

	/** True when the glossary or the lessons use the token. */
	courseWord(token: string): boolean {
		return this.#documentFrequency.has(token) || this.#lessonWords.has(token);
	}

	/** True for a word of spoken English at all, however rare ("mutable"): not a typo of a name. */
	english(token: string): boolean {
		return this.#english.perMillion(token) > 0;
	}

	/** True for a word that neither the course nor everyday English uses: a subject of its own. */
	foreign(token: string): boolean {
		return !this.#documentFrequency.has(token) && !this.#lessonWords.has(token) && !this.#english.everyday(token);
	}

	weight(token: string): number {
		const cached = this.#cache.get(token);
		if (cached !== undefined) return cached;
		const weight = this.#compute(token);
		if (this.#cache.size < 50_000) this.#cache.set(token, weight);
		return weight;
	}

	#compute(token: string): number {
		const frequency = this.#documentFrequency.get(token) ?? 0;
		if (frequency > 0) {
			const idf = Math.log(1 + this.#documents / (1 + frequency));
			// An exit or status code (137, 143, 503) names one situation precisely.
			return /^\d+$/.test(token) ? idf * 2 : idf * this.topicality(token);
		}
		if (this.#lessonWords.has(token)) return this.#tuning.lessonWordWeight;
		return this.#english.everyday(token) ? this.#tuning.everydayWordWeight : this.#tuning.foreignWordWeight;
	}

	/** From the tuning's floor (everyday talk) to 1 (course vocabulary), by how much more the course uses the word than English does. */
	topicality(token: string): number {
		const inCourse = ((this.#courseCounts.get(token) ?? 0) + 0.5) / this.#courseTotal;
		const inEnglish = this.#english.perMillion(token) / 1_000_000 + 2e-8;
		const { topicalityFloor, topicalityFull } = this.#tuning;
		const lift = Math.log10(inCourse / inEnglish);
		return Math.min(1, Math.max(topicalityFloor, (lift + 0.5) / (topicalityFull + 0.5)));
	}
}
