/** The knobs of ranking and declining; the defaults were set on the labelled evaluation sets. */
export interface ExplainTuning {
	/** Share of the question's weighted words the best term must account for; below it, no answer. */
	readonly minCoverage: number;
	/** Weight of the question's words the best term must account for, however short the question. */
	readonly minEvidence: number;
	/** Below minCoverage but at least this: the closest topics are offered as a hedge ("unsure"). */
	readonly hedgeCoverage: number;
	/** A topic a decline offers accounts for at least this share of the question (or is named or pasted in it). */
	readonly relatedCoverage: number;
	/** Coverage at which confidence is full. */
	readonly fullCoverage: number;
	/** How much a runner-up that ties the best lowers confidence (0 to 1). */
	readonly closenessPenalty: number;
	/** A runner-up scoring at least this share of the best is offered beside the answer ("close"). */
	readonly closeScoreRatio: number;
	/** How many search hits are re-ranked by coverage. */
	readonly candidates: number;
	/** Ranking is evidence × search score ^ this: BM25 keeps a say in what coverage alone cannot tell apart. */
	readonly searchScoreExponent: number;
	/** Weight of a word no glossary term uses but the course's lessons do: mostly plain English. */
	readonly lessonWordWeight: number;
	/** Weight of an everyday English word the course never uses ("literally", "board"): how people talk. */
	readonly everydayWordWeight: number;
	/** Weight of a word the course never uses and that is not everyday English: likely the subject of a question it does not cover. */
	readonly foreignWordWeight: number;
	/** Weight of a capitalised name or acronym the course never uses ("Aurora", "RDS"), at least. */
	readonly properNounWeight: number;
	/** Most a unit written only in amounts ("limits are 2Gi") weighs: how much, not what is asked. */
	readonly amountUnitWeight: number;
	/** Topicality of a word the course says no more often than everyday English does (the floor of its weight factor). */
	readonly topicalityFloor: number;
	/** How many times (log10) more often than in English the course must say a word for it to count fully. */
	readonly topicalityFull: number;
	/** Credit kept by a word this term uses least among the terms that use it (1: presence alone counts). */
	readonly characteristicFloor: number;
	/** How much the closest askedAs phrasing lifts a term's score (score × (1 + this × fit)). */
	readonly phraseBoost: number;
	/** A term whose closest askedAs phrasing the question says at least this much of is answered at hedge coverage. */
	readonly phraseAnswer: number;
	/** A named term is not put first in a close call when the best fits an askedAs phrasing by this much more. */
	readonly namedFitMargin: number;
	/** A named best gives way in a close call to a term whose askedAs phrasing the question fits by this much more. */
	readonly askedFitMargin: number;
	/** A named tool gives way to one of its parts (see TermLinks) that scores at least this share of it. */
	readonly partScoreRatio: number;
	/** A question asking what something is called: the best term it does not name, scoring at least this share of the best, goes first. */
	readonly unnamedScoreRatio: number;
	/** How much more a word of a pasted table's STATUS column or of "kubectl get KIND" weighs: it says what the output is about. */
	readonly outputSubjectBoost: number;
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
	minCoverage: 0.35,
	minEvidence: 1.7,
	hedgeCoverage: 0.25,
	relatedCoverage: 0.25,
	fullCoverage: 0.8,
	closenessPenalty: 0.5,
	closeScoreRatio: 0.8,
	candidates: 12,
	searchScoreExponent: 0.25,
	lessonWordWeight: 0.3,
	everydayWordWeight: 0.3,
	foreignWordWeight: 10,
	maxWordsForTypos: 8,
	topicalityFloor: 0.2,
	properNounWeight: 4,
	amountUnitWeight: 1,
	characteristicFloor: 0.5,
	phraseBoost: 1,
	phraseAnswer: 0.5,
	topicalityFull: 2,
	namedAnchor: 2,
	namedFitMargin: 0.25,
	askedFitMargin: 0.3,
	outputSubjectBoost: 3,
	partScoreRatio: 0.6,
	unnamedScoreRatio: 0.5,
	quality: { name: 1, namePart: 0.7, typo: 0.85, prefix: 0.6, error: 0.9, asks: 0.7, body: 0.45 },
};
