import MiniSearch, { type SearchOptions } from "minisearch";
import type { Course } from "../course/course.ts";
import type { GlossaryTerm } from "../course/schema.ts";
import { englishFrequencies } from "./background-english.ts";
import { DEFAULT_TUNING, type ExplainTuning } from "./explain-tuning.ts";
import { type TermTokens, takePrepared, termTokens } from "./index-tokens.ts";
import { NameVocabulary, type WordVariants } from "./name-variants.ts";
import { normalizeQuestion } from "./normalize.ts";
import { findNames } from "./question-names.ts";
import {
	lessonText,
	outputSubjects,
	unitsOnlyInAmounts,
	wholeNameWords,
	withoutSpansAndShares,
	withoutTableHeaders,
	withSmallNumbersAsWords,
} from "./question-parts.ts";
import { camelParts, derivedStems, tokens, typoBudget } from "./text.ts";
import { WordWeights } from "./word-weights.ts";

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
	/** How often the term uses each token, its names, errors and phrasings counting more than its prose. */
	readonly counts: ReadonlyMap<string, number>;
	/** Each way people ask about it (askedAs), as its distinct tokens. */
	readonly askPhrases: readonly (readonly string[])[];
}

/** A question, tokenised once and compared with the vocabulary once. */
interface Query {
	readonly words: readonly string[];
	readonly variants: readonly WordVariants[];
	/** Spelled-together neighbours ("role bindng" → "rolebindng") with their variants and the words they cover. */
	readonly joined: readonly { readonly variants: WordVariants; readonly covers: readonly number[] }[];
	readonly weights: readonly number[];
	readonly totalWeight: number;
	/** Short questions are searched with typos and prefixes; long ones (pasted output) exactly. */
	readonly fuzzy: boolean;
}

/** One term the search found, and what speaks for it. */
export interface Candidate {
	readonly term: GlossaryTerm;
	/** Weighted sum of the question's words this term accounts for. */
	readonly evidence: number;
	/** evidence as a share of the question's total weight (0 to 1). */
	readonly coverage: number;
	/** Weight of the heaviest whole name of the term the question spells out (0 if none). */
	readonly named: number;
	/** The question holds a whole error line of this term. */
	readonly pasted: boolean;
	/** How many of the question's words this term accounts for at all. */
	readonly matchedWords: number;
	/** How much of the term's closest askedAs phrasing the question says (0 to 1, by weight). */
	readonly phraseFit: number;
	/** Ranking score: evidence tempered by the search's BM25 score. */
	readonly score: number;
}

/** The candidates for one question, best first. */
export interface Ranking {
	/** The question's words that were matched (stopwords, noise and the user's object names left out). */
	readonly words: readonly string[];
	readonly totalWeight: number;
	/** The part of totalWeight carried by words neither the course nor everyday English uses. */
	readonly foreignWeight: number;
	readonly candidates: readonly Candidate[];
	/** A term the whole question names exactly ("pdb", "OOMKilled"). */
	readonly exact?: GlossaryTerm;
}

// At most this many distinct words of a question are read, and of them the heaviest MAX_WORDS
// are matched: a pasted log repeats itself, and its rare words say what it is about.
const MAX_DISTINCT_WORDS = 600;
const MAX_WORDS = 48;
// At most this many unknown words of a long question are compared with the names for typos.
const MAX_TYPO_WORDS = 6;
// A capitalised word or an acronym.
const PROPER_NOUN = /\b(?:[A-Z][a-z]{2,}|[A-Z]{2,6})\b/g;
// A word with an inner capital: camel case, as in alert and reason names.
const CAMEL_WORD = /[A-Za-z]*[a-z][A-Z][A-Za-z]*/g;

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
	readonly #weights: WordWeights;
	/** For each token, the most any one term uses it (see TermDocument.counts). */
	readonly #maxCount = new Map<string, number>();
	readonly #tuning: ExplainTuning;
	/** Each term's askedAs phrasings as token weights and their total, weighed once when the index is built. */
	readonly #askWeights = new Map<
		string,
		readonly { readonly tokens: readonly string[]; readonly weights: Float64Array; readonly total: number }[]
	>();

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
		const kept = takePrepared(course);
		const glossaryTokens: string[] = [];
		course.glossary.forEach((term, i) => {
			glossaryTokens.push(...this.#add(term, kept?.terms[i] ?? termTokens(term)));
		});
		const lessonTokens = kept?.lessons ?? tokens(lessonText(course));
		this.#weights = new WordWeights({
			documentFrequency: this.#documentFrequency,
			documents: this.#documents.size,
			courseTokens: [...glossaryTokens, ...lessonTokens],
			lessonWords: new Set(lessonTokens),
			english: englishFrequencies(),
			tuning,
		});
		for (const [id, document] of this.#documents) {
			this.#askWeights.set(
				id,
				document.askPhrases.map((phrase) => {
					const weights = Float64Array.from(phrase, (token) => this.#weights.weight(token));
					return { tokens: phrase, weights, total: weights.reduce((sum, w) => sum + w, 0) };
				}),
			);
		}
	}

	/** True when some term has this name, alias or misspelling, whole. */
	hasName(name: string): boolean {
		return this.#byName.has(tokens(name).join(""));
	}

	/** Number of terms indexed. */
	get size(): number {
		return this.#documents.size;
	}

	/**
	 * Every term the search finds for the question, best first, with what speaks for it. A pasted
	 * error line of a term outranks any amount of shared vocabulary. asPasted: the text is a part
	 * of a question that pastes output (the asker's own lines), read without fuzzy search.
	 */
	rank(question: string, options: { readonly asPasted?: boolean } = {}): Ranking {
		const query = this.#query(question, options.asPasted === true);
		const exact = query.words.length > 0 ? this.#byName.get(query.words.join("")) : undefined;
		const foreignWeight = query.words.reduce((sum, word, i) => sum + (this.#weights.foreign(word) ? (query.weights[i] ?? 0) : 0), 0);
		const asked = new Set(query.words);
		const candidates = this.#candidates(query)
			.map(({ document, searchScore }): Candidate => {
				const { evidence, matchedWords } = this.#evidence(query, document);
				const phraseFit = this.#phraseFit(asked, document);
				const named = this.#namedWeight(query, document);
				const pasted = document.errorPhrases.some((phrase) => phrase.length >= 3 && phrase.every((part) => query.words.includes(part)));
				return {
					term: document.term,
					evidence,
					coverage: query.totalWeight > 0 ? evidence / query.totalWeight : 0,
					named,
					pasted,
					matchedWords,
					phraseFit,
					score: evidence * searchScore ** this.#tuning.searchScoreExponent * (1 + this.#tuning.phraseBoost * phraseFit),
				};
			})
			.sort((a, b) => Number(b.pasted) - Number(a.pasted) || b.score - a.score);
		return { words: query.words, totalWeight: query.totalWeight, foreignWeight, candidates, ...(exact ? { exact } : {}) };
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

	#query(question: string, asPasted = false): Query {
		const normalized = normalizeQuestion(question);
		const subjects = new Set(outputSubjects(normalized).flatMap(tokens));
		const text = withSmallNumbersAsWords(withoutSpansAndShares(withoutTableHeaders(findNames(normalized).masked)));
		const distinct = [...new Set([...new Set(this.#questionTokens(text))].slice(0, MAX_DISTINCT_WORDS).map((w) => this.#derivedFrom(w)))];
		const words =
			distinct.length <= MAX_WORDS
				? distinct
				: distinct
						.map((word, at) => ({ word, at, weight: this.#weights.weight(word) }))
						.sort((a, b) => b.weight - a.weight || a.at - b.at)
						.slice(0, MAX_WORDS)
						.sort((a, b) => a.at - b.at)
						.map((w) => w.word);
		// Typos are looked for in short questions, and in any question for the few words nothing
		// knows ("tolerashions"): pasted output is spelled right, and its unknown words are names.
		// A part of a question that pastes output is read as that question is, however short.
		const short = !asPasted && words.length <= this.#tuning.maxWordsForTypos;
		// A real English word ("mutable") is not a typo of a name, however close it is to one.
		const unknown = words.filter((word) => this.#weights.foreign(word) && !this.#weights.english(word));
		const typoWords = new Set(
			short
				? words.filter((word) => !this.#weights.english(word) || this.#weights.known(word))
				: unknown.length <= MAX_TYPO_WORDS
					? unknown
					: [],
		);
		const variants = words.map((word) => this.#vocabulary.variants(word, typoWords.has(word)));
		const joined: Query["joined"][number][] = [];
		for (let i = 0; i + 1 < words.length; i++) {
			for (const span of [2, 3]) {
				if (i + span > words.length) continue;
				const covers = Array.from({ length: span }, (_, k) => i + k);
				const withTypos = covers.some((k) => typoWords.has(words[k] ?? ""));
				joined.push({ variants: this.#vocabulary.variants(words.slice(i, i + span).join(""), withTypos), covers });
			}
		}
		// A word the course never uses but that is one typo from a name, or begins one, is taken as
		// that name: it weighs what the name weighs, not what an unknown subject would.
		// A product or proper name the course never uses ("Aurora", "RDS", "Hyper-V") is a subject of
		// its own, even when it is also an everyday English word.
		const proper = this.#properNouns(text);
		const amountUnits = unitsOnlyInAmounts(text);
		const weights = variants.map(({ word, typos, prefixes }) => {
			// "limits are 2Gi": the unit says how much; it weighs no more than a plain word.
			if (amountUnits.has(word)) return Math.min(this.#weights.weight(word), this.#tuning.amountUnitWeight);
			const names = typos.size > 0 ? typos : prefixes;
			if (names.size > 0 && !this.#documentFrequency.has(word)) return Math.max(...[...names].map((name) => this.#weights.weight(name)));
			const weight = this.#weights.weight(word) * (subjects.has(word) ? this.#tuning.outputSubjectBoost : 1);
			return proper.has(word) ? Math.max(weight, this.#tuning.properNounWeight) : weight;
		});
		return { words, variants, joined, weights, totalWeight: weights.reduce((sum, w) => sum + w, 0), fuzzy: short };
	}

	/** A word nothing knows, read as the course word it derives from ("wasteful" is waste), when there is one. */
	#derivedFrom(word: string): string {
		if (!this.#weights.foreign(word)) return word;
		return derivedStems(word).find((stem) => this.#documentFrequency.has(stem)) ?? word;
	}

	/** Tokens of capitalised words and acronyms, not at the start of a sentence, that the course never uses. */
	#properNouns(text: string): Set<string> {
		const found = new Set<string>();
		for (const match of text.matchAll(PROPER_NOUN)) {
			const before = text.slice(Math.max(0, match.index - 2), match.index);
			if (match.index === 0 || /[.!?:\n]\s*$/.test(before)) continue;
			for (const token of tokens(match[0])) if (!this.#weights.courseWord(token)) found.add(token);
		}
		return found;
	}

	/** Tokens of the question, plus the parts of camel-case words that are no name ("KubePodNotReady", "CPUThrottlingHigh"). */
	#questionTokens(text: string): string[] {
		const out = tokens(text);
		for (const word of text.match(CAMEL_WORD) ?? []) {
			const whole = tokens(word);
			if (whole.length !== 1) continue;
			const parts = tokens(camelParts(word).join(" "));
			// A word nothing knows is read in its parts ("KubePodNotReady"); a known one that is no name
			// only when its parts spell one ("CPUThrottlingHigh" says CPU throttling; "OutOfSync" does not).
			const known = this.#documentFrequency.has(whole[0] ?? "");
			if (!known || (!this.#byName.has(whole[0] ?? "") && this.#spellsName(parts))) out.push(...parts);
		}
		return out;
	}

	/** True when some run of the words, spelled together, is a whole name of a term. */
	#spellsName(words: readonly string[]): boolean {
		for (let start = 0; start < words.length; start++) {
			for (let end = start + 1; end <= words.length; end++) if (this.#byName.has(words.slice(start, end).join(""))) return true;
		}
		return false;
	}

	/**
	 * The bare search: the question's tokens, as one query, on this same MiniSearch index with the
	 * options explain uses for a question of that length, and nothing else. The benchmark's
	 * baseline: explain's extra cost is everything it does around this call.
	 */
	bareSearch(question: string): number {
		const words = tokens(question.slice(0, 12_000)).slice(0, MAX_WORDS);
		const short = words.length <= this.#tuning.maxWordsForTypos;
		return this.#search.search(words.join(" "), short ? this.#fuzzyOptions() : { fuzzy: false, prefix: false }).length;
	}

	#candidates(query: Query): { document: TermDocument; searchScore: number }[] {
		const options: SearchOptions = query.fuzzy ? this.#fuzzyOptions() : { fuzzy: false, prefix: false };
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

	/**
	 * Prefixes from five letters, and typos by word length (none under six letters) for words the
	 * glossary does not use as they are: a word it knows is not a misspelling of its neighbours.
	 */
	#fuzzyOptions(): SearchOptions {
		const known = (term: string) => this.#documentFrequency.has(term);
		return {
			fuzzy: (term) => (!known(term) && typoBudget(term)) || false,
			prefix: (term) => term.length >= 5,
		};
	}

	/** Indexes one term; returns all its tokens, repeats included, for the course's word counts. */
	#add(term: GlossaryTerm, { names, typos, errors, asks, body, phrases, errorPhrases, askPhrases, nameKeys }: TermTokens): string[] {
		const document: TermDocument = {
			term,
			names: new Set([...names, ...typos]),
			phrases,
			errors: new Set(errors),
			errorPhrases,
			asks: new Set(asks),
			body: new Set(body),
			askPhrases,
			counts: weightedCounts([
				[names, 3],
				[typos, 3],
				[errors, 2],
				[asks, 1.5],
				[body, 1],
			]),
		};
		for (const [token, count] of document.counts) this.#maxCount.set(token, Math.max(count, this.#maxCount.get(token) ?? 0));
		this.#documents.set(term.id, document);
		for (const name of document.names) this.#vocabulary.add(name);
		for (const key of nameKeys) if (key && !this.#byName.has(key)) this.#byName.set(key, term);
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
		return [...names, ...typos, ...errors, ...asks, ...body];
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
	#evidence(query: Query, document: TermDocument): { evidence: number; matchedWords: number } {
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
		return {
			evidence: query.weights.reduce((sum, weight, i) => sum + weight * (quality[i] ?? 0), 0),
			matchedWords: quality.filter((q) => q > 0).length,
		};
	}

	/**
	 * The share, by weight, of the term's closest way of asking that the question says: a question
	 * that says most of "app exposes /metrics but no target ever appears in prometheus" is asking
	 * that, whatever else it names.
	 */
	#phraseFit(asked: ReadonlySet<string>, document: TermDocument): number {
		let best = 0;
		for (const { tokens: phrase, weights, total } of this.#askWeights.get(document.term.id) ?? []) {
			if (total <= 0) continue;
			let said = 0;
			for (let i = 0; i < phrase.length; i++) if (asked.has(phrase[i] ?? "")) said += weights[i] ?? 0;
			best = Math.max(best, said / total);
		}
		return best;
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
		if (inText === 0) return inName;
		// A word is more this term's the more of it this term has, compared with the term that has most of it.
		const share = (document.counts.get(word) ?? 0) / (this.#maxCount.get(word) ?? 1);
		const { characteristicFloor } = this.#tuning;
		return Math.max(inName, inText * (characteristicFloor + (1 - characteristicFloor) * Math.min(1, share)));
	}
}

function weightedCounts(fields: readonly (readonly [readonly string[], number])[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const [tokens, weight] of fields) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + weight);
	return counts;
}
