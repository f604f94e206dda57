import MiniSearch from "minisearch";
import type { Course } from "../course/course.ts";
import type { GlossaryTerm } from "../course/schema.ts";
import { editDistance, joinedNeighbours, nameTokens, tokens, typoBudget } from "./text.ts";

/** What the index knows of one glossary term, as token sets for scoring coverage. */
interface TermDocument {
	readonly term: GlossaryTerm;
	readonly names: ReadonlySet<string>;
	readonly errors: ReadonlySet<string>;
	readonly body: ReadonlySet<string>;
}

export type Match =
	| { readonly answered: true; readonly term: GlossaryTerm; readonly confidence: number; readonly alternatives: readonly GlossaryTerm[] }
	| { readonly answered: false; readonly suggestions: readonly GlossaryTerm[] };

// Share of the question's weighted words that must be explained by the chosen term. Below it,
// the question is about something else and an honest "not in the course" beats a guess.
const MIN_COVERAGE = 0.5;
const CANDIDATES = 6;

/**
 * A search index over a course's glossary: BM25 over names, aliases, misspellings, the error
 * strings kubectl prints and the explanations, with fuzzy and prefix matching; then a coverage
 * check that declines questions the course does not answer.
 */
export class ExplainIndex {
	readonly #search: MiniSearch<{ id: string; names: string; typos: string; errors: string; body: string }>;
	readonly #documents = new Map<string, TermDocument>();
	readonly #byName = new Map<string, GlossaryTerm>();
	readonly #documentFrequency = new Map<string, number>();

	constructor(course: Course) {
		this.#search = new MiniSearch({
			fields: ["names", "typos", "errors", "body"],
			tokenize: (text) => text.split(" ").filter(Boolean),
			processTerm: (term) => term,
			searchOptions: {
				boost: { names: 4, typos: 3, errors: 1.5, body: 0.35 },
				fuzzy: (term) => typoBudget(term) || false,
				prefix: (term) => term.length >= 5,
				weights: { fuzzy: 0.55, prefix: 0.3 },
				combineWith: "OR",
			},
		});
		for (const term of course.glossary) this.#add(term);
	}

	/** Number of terms indexed. */
	get size(): number {
		return this.#documents.size;
	}

	match(question: string): Match {
		const words = tokens(question);
		if (words.length === 0) return { answered: false, suggestions: [] };

		const exact = this.#byName.get(words.join(""));
		if (exact) return { answered: true, term: exact, confidence: 1, alternatives: [] };

		const query = [...words, ...joinedNeighbours(words)].join(" ");
		const ranked = this.#search
			.search(query)
			.slice(0, CANDIDATES)
			.map((hit) => {
				const document = this.#documents.get(String(hit.id));
				if (!document) throw new Error(`index out of step: no document ${String(hit.id)}`);
				const coverage = this.#coverage(words, document);
				return { document, coverage, score: hit.score * (0.25 + coverage) };
			})
			.sort((a, b) => b.score - a.score);

		const best = ranked[0];
		if (!best || best.coverage < MIN_COVERAGE) {
			return { answered: false, suggestions: ranked.slice(0, 3).map((r) => r.document.term) };
		}
		return {
			answered: true,
			term: best.document.term,
			confidence: Math.min(1, best.coverage),
			alternatives: ranked.slice(1, 4).map((r) => r.document.term),
		};
	}

	#add(term: GlossaryTerm): void {
		const names = [term.term, ...term.aliases].flatMap(nameTokens);
		const typos = term.misspellings.flatMap(nameTokens);
		const errors = term.errorStrings.flatMap(tokens);
		const body = tokens([term.definition, term.whyItBites, ...term.fix, ...term.diagnose.map((d) => d.purpose)].join(" "));
		const document: TermDocument = {
			term,
			names: new Set([...names, ...typos]),
			errors: new Set(errors),
			body: new Set(body),
		};
		this.#documents.set(term.id, document);
		for (const name of [term.term, ...term.aliases, ...term.misspellings]) {
			const key = tokens(name).join("");
			if (key && !this.#byName.has(key)) this.#byName.set(key, term);
		}
		for (const token of new Set([...document.names, ...document.errors, ...document.body])) {
			this.#documentFrequency.set(token, (this.#documentFrequency.get(token) ?? 0) + 1);
		}
		this.#search.add({ id: term.id, names: names.join(" "), typos: typos.join(" "), errors: errors.join(" "), body: body.join(" ") });
	}

	/** Rare words weigh more; a word the course never uses weighs most, since it is what the question is about. */
	#weight(token: string): number {
		return Math.log(1 + this.#documents.size / (1 + (this.#documentFrequency.get(token) ?? 0)));
	}

	/** Weighted share of the question's words that this term's names, errors or text account for. */
	#coverage(words: readonly string[], document: TermDocument): number {
		const quality = words.map((word) => wordQuality(word, document));
		// "role bindng" as two words still names "rolebinding": credit both words.
		for (let i = 0; i + 1 < words.length; i++) {
			for (const span of [2, 3]) {
				if (i + span > words.length) continue;
				const joined = words.slice(i, i + span).join("");
				const q = nameQuality(joined, document.names);
				if (q > 0) for (let k = i; k < i + span; k++) quality[k] = Math.max(quality[k] ?? 0, q);
			}
		}
		let total = 0;
		let covered = 0;
		words.forEach((word, i) => {
			const weight = this.#weight(word);
			total += weight;
			covered += weight * (quality[i] ?? 0);
		});
		return total === 0 ? 0 : covered / total;
	}
}

function nameQuality(word: string, names: ReadonlySet<string>): number {
	if (names.has(word)) return 1;
	const budget = typoBudget(word);
	for (const name of names) {
		if (budget > 0 && editDistance(word, name, budget) <= budget) return 0.85;
		if (word.length >= 5 && name.startsWith(word)) return 0.6;
	}
	return 0;
}

function wordQuality(word: string, document: TermDocument): number {
	const inName = nameQuality(word, document.names);
	if (inName >= 0.85) return inName;
	if (document.errors.has(word)) return 0.9;
	if (document.body.has(word)) return Math.max(inName, 0.45);
	return inName;
}
