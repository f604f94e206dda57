/** The knobs of ranking and declining; the defaults were set on the labelled evaluation sets. */
export interface ExplainTuning {
	/** Share of the question's weighted words the best term must account for; below it, decline. */
	readonly minCoverage: number;
	/** How many search hits are re-ranked by coverage. */
	readonly candidates: number;
	/** Ranking is evidence × search score ^ this: BM25 keeps a say in what coverage alone cannot tell apart. */
	readonly searchScoreExponent: number;
	/** Weight of a word no glossary term uses but the course's lessons do: mostly plain English. */
	readonly lessonWordWeight: number;
	/** Weight of a word the course never uses at all: likely the subject of a question it does not cover. */
	readonly foreignWordWeight: number;
	/** A whole name at least this heavy is answered even when the rest of the question is noise. */
	readonly namedAnchor: number;
	/** Questions longer than this (in distinct words) are pasted output: matched exactly, no typo search. */
	readonly maxWordsForTypos: number;
	/** Credit for a word found in each part of a term. */
	readonly quality: {
		/** The question holds a whole name of the term ("cluster role binding"). */
		readonly name: number;
		/** The question shares one word of a longer name ("cluster" of "cluster role binding"). */
		readonly namePart: number;
		readonly typo: number;
		readonly prefix: number;
		readonly error: number;
		readonly asks: number;
		readonly body: number;
	};
}

export const DEFAULT_TUNING: ExplainTuning = {
	minCoverage: 0.28,
	candidates: 12,
	searchScoreExponent: 0.25,
	lessonWordWeight: 0.3,
	foreignWordWeight: 10,
	maxWordsForTypos: 8,
	namedAnchor: 2.5,
	quality: { name: 1, namePart: 0.7, typo: 0.85, prefix: 0.6, error: 0.9, asks: 0.7, body: 0.45 },
};
