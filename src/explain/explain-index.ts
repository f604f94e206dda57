import MiniSearch, { type SearchOptions } from "minisearch";
import type { Course } from "../course/course.ts";
import type { GlossaryTerm } from "../course/schema.ts";
import { DEFAULT_TUNING, type ExplainTuning } from "./explain-tuning.ts";
import { NameVocabulary, type WordVariants } from "./name-variants.ts";
import { lessonText, wholeNameWords, withoutTableHeaders } from "./question-parts.ts";
import { nameTokens, tokens, typoBudget } from "./text.ts";

/** What the index knows of one glossary term, as token sets for scoring. */
interface TermDocument {
	readonly term: GlossaryTerm;
	readonly names: ReadonlySet<string>;
	/** Each name, alias and misspelling as its tokens: a question that holds all of one names the term. */
	readonly phrases: readonly (readonly string[])[];
	readonly errors: ReadonlySet<string>;
	/** Each error string as its tokens: a question holding all of one is that error, pasted. */
	readonly errorPhrases: readonly (readonly string[])[];
	readonly asks: ReadonlySet<string>;
	readonly body: ReadonlySet<string>;
}

/** A question, tokenised once and compared with the vocabulary once. */
interface Query {
	readonly words: readonly string[];
	readonly variants: readonly WordVariants[];
	/** Spelled-together neighbours ("role bindng" → "rolebindng") with their variants and the words they cover. */
	readonly joined: readonly { readonly variants: WordVariants; readonly covers: readonly number[] }[];
	readonly weights: readonly number[];
	readonly totalWeight: number;
}

export type Match =
	| { readonly answered: true; readonly term: GlossaryTerm; readonly confidence: number; readonly alternatives: readonly GlossaryTerm[] }
	| { readonly answered: false; readonly suggestions: readonly GlossaryTerm[] };

// At most this many distinct words of a question are considered: a pasted log says enough early.
const MAX_WORDS = 48;

/**
 * A search index over a course's glossary: BM25 over names, aliases, misspellings, the error
 * strings kubectl prints, the ways people ask, and the explanations, with fuzzy and prefix
 * matching. Its hits are re-ranked by how much of the question each term accounts for, and a
 * question that no term accounts for well enough is declined rather than guessed.
 */
export class ExplainIndex {
	readonly #search: MiniSearch<{ id: string; names: string; typos: string; errors: string; asks: string; body: string }>;
	readonly #documents = new Map<string, TermDocument>();
	readonly #byName = new Map<string, GlossaryTerm>();
	readonly #documentFrequency = new Map<string, number>();
	readonly #vocabulary = new NameVocabulary();
	readonly #lessonWords: ReadonlySet<string>;
	readonly #tuning: ExplainTuning;

	constructor(course: Course, tuning: ExplainTuning = DEFAULT_TUNING) {
		this.#tuning = tuning;
		this.#search = new MiniSearch({
			fields: ["names", "typos", "errors", "asks", "body"],
			tokenize: (text) => text.split(" ").filter(Boolean),
			processTerm: (term) => term,
			searchOptions: {
				boost: { names: 4, typos: 3, errors: 1.5, asks: 1, body: 0.35 },
				weights: { fuzzy: 0.55, prefix: 0.3 },
				combineWith: "OR",
			},
		});
		for (const term of course.glossary) this.#add(term);
		this.#lessonWords = new Set(tokens(lessonText(course)));
	}

	/** Number of terms indexed. */
	get size(): number {
		return this.#documents.size;
	}

	match(question: string): Match {
		const query = this.#query(question);
		if (query.words.length === 0) return { answered: false, suggestions: [] };

		const exact = this.#byName.get(query.words.join(""));
		if (exact) return { answered: true, term: exact, confidence: 1, alternatives: [] };

		const ranked = this.#candidates(query)
			.map(({ document, searchScore }) => {
				const evidence = this.#evidence(query, document);
				const named = this.#namedWeight(query, document);
				const score = evidence * searchScore ** this.#tuning.searchScoreExponent;
				// A whole error line of this term, pasted, outranks any amount of shared vocabulary.
				const pasted = document.errorPhrases.some((phrase) => phrase.length >= 3 && phrase.every((part) => query.words.includes(part)));
				return { document, coverage: evidence / query.totalWeight, named, pasted, score };
			})
			.sort((a, b) => Number(b.pasted) - Number(a.pasted) || b.score - a.score);

		const best = ranked[0];
		// A question that literally names a distinctive term ("OOMKilled" in pasted output) is about it,
		// however much else it holds.
		if (!best || (best.coverage < this.#tuning.minCoverage && best.named < this.#tuning.namedAnchor)) {
			return { answered: false, suggestions: ranked.slice(0, 3).map((r) => r.document.term) };
		}
		return {
			answered: true,
			term: best.document.term,
			confidence: Math.min(1, best.coverage),
			alternatives: ranked.slice(1, 4).map((r) => r.document.term),
		};
	}

	/** Per-word credit of the best candidates, for content authors asking "why this term?". */
	trace(question: string): { word: string; weight: number; credit: Record<string, number> }[] {
		const query = this.#query(question);
		const candidates = this.#candidates(query);
		return query.words.map((word, i) => ({
			word,
			weight: Math.round((query.weights[i] ?? 0) * 100) / 100,
			credit: Object.fromEntries(
				candidates.flatMap(({ document }) => {
					const credit = this.#wordQuality(query.variants[i], document);
					return credit > 0 ? [[document.term.id, credit]] : [];
				}),
			),
		}));
	}

	#query(question: string): Query {
		const words = [...new Set(tokens(withoutTableHeaders(question)))].slice(0, MAX_WORDS);
		const withTypos = words.length <= this.#tuning.maxWordsForTypos;
		const variants = words.map((word) => this.#vocabulary.variants(word, withTypos));
		const joined: Query["joined"][number][] = [];
		for (let i = 0; i + 1 < words.length; i++) {
			for (const span of [2, 3]) {
				if (i + span > words.length) continue;
				const covers = Array.from({ length: span }, (_, k) => i + k);
				joined.push({ variants: this.#vocabulary.variants(words.slice(i, i + span).join(""), withTypos), covers });
			}
		}
		// A word the course never uses but that is one typo from a name, or begins one, is taken as
		// that name: it weighs what the name weighs, not what an unknown subject would.
		const weights = variants.map(({ word, typos, prefixes }) => {
			const names = typos.size > 0 ? typos : prefixes;
			return this.#documentFrequency.has(word) || names.size === 0
				? this.#weight(word)
				: Math.max(...[...names].map((name) => this.#weight(name)));
		});
		return { words, variants, joined, weights, totalWeight: weights.reduce((sum, w) => sum + w, 0) };
	}

	#candidates(query: Query): { document: TermDocument; searchScore: number }[] {
		const withTypos = query.words.length <= this.#tuning.maxWordsForTypos;
		const options: SearchOptions = withTypos
			? { fuzzy: (term) => typoBudget(term) || false, prefix: (term) => term.length >= 5 }
			: { fuzzy: false, prefix: false };
		// Spelled-together neighbours only help when they are close to a real name.
		const joined = query.joined.filter((j) => j.variants.typos.size > 0 || this.#documentFrequency.has(j.variants.word));
		return this.#search
			.search([...query.words, ...joined.map((j) => j.variants.word)].join(" "), options)
			.slice(0, this.#tuning.candidates)
			.map((hit) => {
				const document = this.#documents.get(String(hit.id));
				if (!document) throw new Error(`index out of step: no document ${String(hit.id)}`);
				return { document, searchScore: hit.score };
			});
	}

	#add(term: GlossaryTerm): void {
		const names = [term.term, ...term.aliases].flatMap(nameTokens);
		const typos = term.misspellings.flatMap(nameTokens);
		const errors = term.errorStrings.flatMap(tokens);
		const asks = term.askedAs.flatMap(tokens);
		const body = tokens([term.definition, term.whyItBites, ...term.fix, ...term.diagnose.map((d) => d.purpose)].join(" "));
		const document: TermDocument = {
			term,
			names: new Set([...names, ...typos]),
			phrases: [term.term, ...term.aliases, ...term.misspellings].map(tokens).filter((phrase) => phrase.length > 0),
			errors: new Set(errors),
			errorPhrases: term.errorStrings.map(tokens).filter((phrase) => phrase.length > 1),
			asks: new Set(asks),
			body: new Set(body),
		};
		this.#documents.set(term.id, document);
		for (const name of document.names) this.#vocabulary.add(name);
		for (const name of [term.term, ...term.aliases, ...term.misspellings]) {
			const key = tokens(name).join("");
			if (key && !this.#byName.has(key)) this.#byName.set(key, term);
		}
		for (const token of new Set([...document.names, ...document.errors, ...document.asks, ...document.body])) {
			this.#documentFrequency.set(token, (this.#documentFrequency.get(token) ?? 0) + 1);
		}
		this.#search.add({
			id: term.id,
			names: names.join(" "),
			typos: typos.join(" "),
			errors: errors.join(" "),
			asks: asks.join(" "),
			body: body.join(" "),
		});
	}

	/**
	 * Rare glossary words weigh more (inverse document frequency). A word only the lessons use is
	 * mostly plain English and weighs little; a word the course never uses is probably what an
	 * off-topic question is about, and weighs most.
	 */
	#weight(token: string): number {
		const frequency = this.#documentFrequency.get(token) ?? 0;
		// An exit or status code (137, 143, 503) names one situation precisely.
		if (frequency > 0) return Math.log(1 + this.#documents.size / (1 + frequency)) * (/^\d+$/.test(token) ? 2 : 1);
		return this.#lessonWords.has(token) ? this.#tuning.lessonWordWeight : this.#tuning.foreignWordWeight;
	}

	/** Weight of the strongest whole name of this term that the question spells out (0 if none). */
	#namedWeight(query: Query, document: TermDocument): number {
		let best = 0;
		for (const phrase of document.phrases) {
			let weight = 0;
			for (const part of phrase) {
				const at = query.words.indexOf(part);
				if (at < 0) {
					weight = 0;
					break;
				}
				weight += query.weights[at] ?? 0;
			}
			best = Math.max(best, weight);
		}
		return best;
	}

	/** Weighted sum of the question's words that this term's names, errors or text account for. */
	#evidence(query: Query, document: TermDocument): number {
		const { name, namePart } = this.#tuning.quality;
		const whole = wholeNameWords(query.words, document.phrases);
		const pastedError = wholeNameWords(query.words, document.errorPhrases);
		const quality = query.variants.map((variants, i) => {
			if (pastedError.has(i)) return name;
			const q = this.#wordQuality(variants, document);
			return q >= name && !whole.has(i) ? namePart : q;
		});
		// "role bindng" as two words still names "rolebinding": credit both words.
		for (const { variants, covers } of query.joined) {
			const q = this.#nameQuality(variants, document.names);
			if (q > 0) for (const k of covers) quality[k] = Math.max(quality[k] ?? 0, q);
		}
		return query.weights.reduce((sum, weight, i) => sum + weight * (quality[i] ?? 0), 0);
	}

	#nameQuality(variants: WordVariants, names: ReadonlySet<string>): number {
		const { quality } = this.#tuning;
		if (names.has(variants.word)) return quality.name;
		for (const typo of variants.typos) if (names.has(typo)) return quality.typo;
		for (const prefix of variants.prefixes) if (names.has(prefix)) return quality.prefix;
		return 0;
	}

	#wordQuality(variants: WordVariants | undefined, document: TermDocument): number {
		if (!variants) return 0;
		const { quality } = this.#tuning;
		const inName = this.#nameQuality(variants, document.names);
		if (inName >= quality.typo) return inName;
		const { word } = variants;
		const inText = document.errors.has(word)
			? quality.error
			: document.asks.has(word)
				? quality.asks
				: document.body.has(word)
					? quality.body
					: 0;
		return Math.max(inName, inText);
	}
}
