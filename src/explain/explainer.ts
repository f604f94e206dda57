import { type Course, findEpisode } from "../course/course.ts";
import type { GlossaryTerm, KubectlCommand } from "../course/schema.ts";
import { ExplainIndex } from "./explain-index.ts";
import { DEFAULT_TUNING, type ExplainTuning } from "./explain-tuning.ts";

interface TermRef {
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
	readonly text: string;
	readonly term?: string;
	readonly episodeTitle?: string;
	readonly section?: { readonly id: string; readonly title: string };
	readonly whyItBites?: string;
	readonly diagnose?: readonly KubectlCommand[];
	readonly fix?: readonly string[];
	readonly related?: readonly TermRef[];
	/** Close topics offered when the course does not cover the question. */
	readonly suggestions?: readonly TermRef[];
	readonly confidence?: number;
}

/** Answers free-text questions from one course's lesson content. */
export class Explainer {
	readonly course: Course;
	readonly #index: ExplainIndex;

	constructor(course: Course, tuning: ExplainTuning = DEFAULT_TUNING) {
		this.course = course;
		this.#index = new ExplainIndex(course, tuning);
	}

	explain(question: string): ExplainAnswer {
		const match = this.#index.match(question);
		if (!match.answered) return this.#decline(question, match.suggestions);
		return this.#answer(question, match.term, match.confidence);
	}

	/** The answer for a glossary id, as when a user presses a "related term" button. */
	explainTerm(id: string): ExplainAnswer | undefined {
		const term = this.course.glossary.find((t) => t.id === id);
		return term ? this.#answer(term.term, term, 1) : undefined;
	}

	#answer(question: string, term: GlossaryTerm, confidence: number): ExplainAnswer {
		const episode = findEpisode(this.course, term.episode);
		const section = episode?.sections.find((s) => s.id === term.section);
		return {
			answered: true,
			question,
			episode: term.episode,
			title: term.term,
			text: term.definition,
			term: term.id,
			...(episode ? { episodeTitle: episode.title } : {}),
			...(section ? { section: { id: section.id, title: section.title } } : {}),
			whyItBites: term.whyItBites,
			diagnose: term.diagnose,
			fix: term.fix,
			related: term.related.flatMap((id) => this.#ref(id)),
			confidence: Math.round(confidence * 100) / 100,
		};
	}

	#decline(question: string, suggestions: readonly GlossaryTerm[]): ExplainAnswer {
		const offered = suggestions.length > 0 ? suggestions : this.#starterTerms();
		return {
			answered: false,
			question,
			episode: null,
			title: "Not in the course",
			text:
				`"${question.trim()}" is not something ${this.course.meta.title} covers, so I won't guess. ` +
				`Close topics it does cover: ${offered.map((t) => t.term).join(", ")}.`,
			suggestions: offered.flatMap((t) => this.#ref(t.id)),
		};
	}

	#ref(id: string): TermRef[] {
		const term = this.course.glossary.find((t) => t.id === id);
		return term ? [{ id: term.id, term: term.term, episode: term.episode }] : [];
	}

	/** When nothing is close, offer the first key terms of the first episodes. */
	#starterTerms(): GlossaryTerm[] {
		const ids = this.course.episodes.slice(0, 3).flatMap((episode) => episode.keyTerms.slice(0, 1));
		return ids.flatMap((id) => this.course.glossary.filter((t) => t.id === id));
	}
}
