import { type Course, findEpisode } from "../course/course.ts";
import type { GlossaryTerm, KubectlCommand } from "../course/schema.ts";
import { leadFor, sentences } from "./answer-lead.ts";
import { askerWords } from "./asker-words.ts";
import { compareSides } from "./comparison.ts";
import { type Decision, decide, relatedTopics, type Verdict } from "./decision.ts";
import { ExplainIndex, type Ranking } from "./explain-index.ts";
import { DEFAULT_TUNING, type ExplainTuning } from "./explain-tuning.ts";
import { fillCommands } from "./fill-commands.ts";
import { normalizeQuestion } from "./normalize.ts";
import { findNames, type ObjectNames } from "./question-names.ts";
import { asksForName, remedyClause, type ShapeKind, shapeOf } from "./question-shape.ts";
import { remedyAsked } from "./remedy.ts";
import { TermLinks } from "./term-links.ts";
import { uncoveredSubject } from "./uncovered.ts";

export interface TermRef {
	readonly id: string;
	readonly term: string;
	readonly episode: number;
}

/**
 * An answer as the CLI prints it (`kubecoach explain --json`) and the chat renders it. The
 * contract fields are `answered`, `episode`, `title` and `text`; the rest adds detail.
 */
export interface ExplainAnswer {
	readonly answered: boolean;
	readonly question: string;
	/** The episode the answer comes from; null when the course does not cover the question. */
	readonly episode: number | null;
	readonly title: string;
	/** What to know or do first, for this question; the full lesson is in the fields below. */
	readonly text: string;
	/** 0 to 1: how much of the question the answer accounts for, lowered when another topic comes close. */
	readonly confidence: number;
	/** sure, close (other topics come close: see alternatives), unsure (closest topics only) or none. */
	readonly verdict: Verdict;
	/** The topics that came close (answered) or closest (not answered), best first. */
	readonly alternatives: readonly TermRef[];
	/** What the question asks for: error, comparison, how, why, what, practice or other. */
	readonly shape: ShapeKind;
	/** The user's own objects named in the question, used in the commands. */
	readonly names?: ObjectNames;
	readonly term?: string;
	readonly episodeTitle?: string;
	readonly section?: { readonly id: string; readonly title: string };
	readonly definition?: string;
	readonly whyItBites?: string;
	/** The lesson's commands, with the user's object names in place of the examples. */
	readonly diagnose?: readonly KubectlCommand[];
	readonly fix?: readonly string[];
	/** The commands and steps to start with (also in diagnose and fix). */
	readonly lead?: { readonly run: readonly KubectlCommand[]; readonly steps: readonly string[] };
	/** For a comparison: the other side, from its own lesson. */
	readonly compared?: TermRef & { readonly definition: string };
	readonly related?: readonly TermRef[];
	/** Close topics offered when the course does not cover the question (same as alternatives then). */
	readonly suggestions?: readonly TermRef[];
}

/** Answers free-text questions from one course's lesson content. */
export class Explainer {
	readonly course: Course;
	readonly #tuning: ExplainTuning;
	#built: ExplainIndex | undefined;
	#linked: TermLinks | undefined;

	constructor(course: Course, tuning: ExplainTuning = DEFAULT_TUNING) {
		this.course = course;
		this.#tuning = tuning;
	}

	/**
	 * Built at the first question, not at start: a bot that is never asked one (or not yet) does
	 * not hold the index and its English table (several MB).
	 */
	get #index(): ExplainIndex {
		this.#built ??= new ExplainIndex(this.course, this.#tuning);
		return this.#built;
	}

	get #links(): TermLinks {
		this.#linked ??= new TermLinks(this.course.glossary);
		return this.#linked;
	}

	explain(question: string): ExplainAnswer {
		const normalized = normalizeQuestion(question);
		const { names } = findNames(normalized);
		const shape = shapeOf(normalized);
		const ranking = this.#index.rank(question);
		// A neighbouring subject the course does not teach is declined, however many words it shares.
		const uncovered = uncoveredSubject(normalized, (name) => this.#index.hasName(name));
		if (uncovered) {
			const closest = relatedTopics(ranking.candidates, this.#tuning);
			return this.#decline(question, { verdict: "none", alternatives: closest, confidence: 0 }, shape.kind, uncovered);
		}
		const asksName = asksForName(normalized);
		let decision = decide(ranking, this.#tuning, { links: this.#links, asksWhat: shape.kind === "what" && !asksName, asksName });
		let compared: GlossaryTerm | undefined;
		// The sides are matched on their own only when the whole question is about the course at all;
		// when it is only close to it, both sides must name course topics ("cluster and instance in
		// AWS Aurora" names one word of the course, and is about Aurora).
		if (shape.sides && decision.verdict !== "none") {
			const pair = compareSides(
				shape.sides,
				ranking,
				(side) => {
					const sideRanking = this.#index.rank(side);
					const sideDecision = decide(sideRanking, this.#tuning);
					const top = sideRanking.candidates[0];
					const named = sideRanking.exact !== undefined || (top !== undefined && top.term.id === sideDecision.term?.id && top.named > 0);
					return { ...sideDecision, named };
				},
				shape.subject,
			);
			if (pair && (decision.term || pair.other)) {
				decision = { ...pair.decision, alternatives: pair.other ? [pair.other] : decision.alternatives };
				compared = pair.other;
			}
		}
		const hedged = decision.verdict === "unsure" && !compared ? this.#confirmedByAsker(decision.alternatives[0], normalized) : undefined;
		if (hedged) decision = { ...decision, verdict: "close", term: hedged, alternatives: decision.alternatives.slice(1) };
		if (!decision.term) return this.#decline(question, decision, shape.kind);
		const first = decision.term;
		const asked = compared ? undefined : this.#askedAround(first, ranking, normalized);
		if (asked) decision = { verdict: "close", term: asked, alternatives: [first], confidence: decision.confidence };
		const answered = decision.term ?? first;
		const clause = compared ? undefined : remedyClause(normalized);
		const remedy = clause && remedyAsked(answered, ranking, this.#index.rank(clause), this.#links, this.#tuning);
		if (remedy) decision = { verdict: "close", term: remedy, alternatives: [answered], confidence: decision.confidence };
		if (!decision.term) return this.#decline(question, decision, shape.kind);
		return this.#answer(question, decision.term, { decision, shape: shape.kind, names, ...(compared ? { compared } : {}) });
	}

	/**
	 * A question that pastes output and says, in the asker's own lines, what they are after: when
	 * those lines are about another term, it is answered instead of the first when the paste
	 * itself is that term's problem and its lesson gives the other as the fix ("never finishes
	 * starting" above a liveness probe failure: a startup probe), or when the whole question
	 * scores the two alike (a `kubectl top` table, "what is the name for this kind of waste?").
	 */
	#askedAround(answered: GlossaryTerm, ranking: Ranking, question: string): GlossaryTerm | undefined {
		const first = ranking.candidates.find((c) => c.term.id === answered.id);
		if (!first || first.score <= 0) return undefined;
		// Only the terms that could take the first's place are worth reading the asker's lines for.
		const contenders = ranking.candidates.filter((c) =>
			first.pasted
				? c !== first && this.#links.remedies(answered.id, c.term.id)
				: c !== first && !c.pasted && c.score / first.score >= this.#tuning.closeScoreRatio,
		);
		const own = contenders.length > 0 ? askerWords(question) : undefined;
		if (!own) return undefined;
		const ownRanking = this.#index.rank(own, { asPasted: true });
		const asked = decide(ownRanking, this.#tuning).term;
		// The asker's lines must say the way people ask about it, not only name a kind of object ("fix my pod spec").
		const fit = ownRanking.candidates.find((c) => c.term.id === asked?.id)?.phraseFit ?? 0;
		if (!asked || fit < this.#tuning.phraseAnswer) return undefined;
		return contenders.some((c) => c.term.id === asked.id) ? asked : undefined;
	}

	/**
	 * A pasted alert list or log dilutes the question with names the course does not use: when the
	 * closest topic of the whole question is also what the asker's own lines alone are answered
	 * with, it is answered (as close) instead of hedged.
	 */
	#confirmedByAsker(closest: GlossaryTerm | undefined, question: string): GlossaryTerm | undefined {
		const own = closest && askerWords(question);
		if (!own) return undefined;
		return decide(this.#index.rank(own, { asPasted: true }), this.#tuning).term?.id === closest?.id ? closest : undefined;
	}

	/** The answer for a glossary id, as when a user presses a topic button; names fill its commands. */
	explainTerm(id: string, names: ObjectNames = {}): ExplainAnswer | undefined {
		const term = this.course.glossary.find((t) => t.id === id);
		if (!term) return undefined;
		const decision: Decision = { verdict: "sure", term, alternatives: [], confidence: 1 };
		return this.#answer(term.term, term, { decision, shape: "what", names });
	}

	#answer(
		question: string,
		term: GlossaryTerm,
		context: { decision: Decision; shape: ShapeKind; names: ObjectNames; compared?: GlossaryTerm },
	): ExplainAnswer {
		const { decision, shape, names, compared } = context;
		const episode = findEpisode(this.course, term.episode);
		const section = episode?.sections.find((s) => s.id === term.section);
		const diagnose = fillCommands(term.diagnose, names);
		const lead = leadFor(term, diagnose, shape, question);
		const hasNames = Object.keys(names).length > 0;
		return {
			answered: true,
			question,
			episode: term.episode,
			title: compared ? `${term.term} vs ${compared.term}` : term.term,
			text: compared ? comparisonText(term, compared) : lead.text,
			confidence: decision.confidence,
			verdict: decision.verdict,
			alternatives: decision.alternatives.flatMap((t) => this.#ref(t.id)),
			shape,
			...(hasNames ? { names } : {}),
			term: term.id,
			...(episode ? { episodeTitle: episode.title } : {}),
			...(section ? { section: { id: section.id, title: section.title } } : {}),
			definition: term.definition,
			whyItBites: term.whyItBites,
			diagnose,
			fix: term.fix,
			lead: { run: lead.run, steps: lead.steps },
			...(compared ? { compared: { ...this.#refOf(compared), definition: compared.definition } } : {}),
			related: term.related.flatMap((id) => this.#ref(id)),
		};
	}

	#decline(question: string, decision: Decision, shape: ShapeKind, subject?: string): ExplainAnswer {
		const offered = decision.alternatives;
		const refs = offered.flatMap((t) => this.#ref(t.id));
		// Only topics related to the question are offered; with none, the decline says so and stops.
		const closeTopics = offered.length > 0 ? ` Close topics it does cover: ${offered.map((t) => t.term).join(", ")}.` : "";
		const quoted = question.trim().length > 120 ? `${question.trim().slice(0, 117)}...` : question.trim();
		const unsure = decision.verdict === "unsure";
		return {
			answered: false,
			question,
			episode: null,
			title: unsure ? "Not sure the course covers this" : "Not in the course",
			text: subject
				? `"${quoted}" is about ${subject}, which ${this.course.meta.title} does not cover, so I won't guess.${closeTopics}`
				: unsure
					? `I'm not sure ${this.course.meta.title} covers "${quoted}", so I won't guess.${closeTopics.replace(" Close", " The closest")}`
					: `"${quoted}" is not something ${this.course.meta.title} covers, so I won't guess.${closeTopics}`,
			confidence: decision.confidence,
			verdict: decision.verdict,
			alternatives: refs,
			shape,
			suggestions: refs,
		};
	}

	#ref(id: string): TermRef[] {
		const term = this.course.glossary.find((t) => t.id === id);
		return term ? [this.#refOf(term)] : [];
	}

	#refOf(term: GlossaryTerm): TermRef {
		return { id: term.id, term: term.term, episode: term.episode };
	}
}

/** Both sides, each from its own lesson: the opening of each definition. */
function comparisonText(first: GlossaryTerm, second: GlossaryTerm): string {
	const opening = (t: GlossaryTerm) => sentences(t.definition).slice(0, 2).join(" ");
	return `*${first.term}*: ${opening(first)}\n*${second.term}*: ${opening(second)}`;
}
