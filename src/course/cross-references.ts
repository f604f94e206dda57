import type { Course, CourseQuestion } from "./course.ts";
import type { Episode, GlossaryTerm } from "./schema.ts";

/** Which file each record came from, so that a broken reference names its file. */
export interface SourceFiles {
	readonly episodes: Map<Episode, string>;
	readonly terms: Map<GlossaryTerm, string>;
	readonly questions: Map<CourseQuestion, string>;
	readonly checklist: string;
	readonly failurePatterns: string;
}

/** Checks every id that one record uses to point at another; returns the problems found. */
export function checkCrossReferences(course: Course, sources: SourceFiles): string[] {
	const problems: string[] = [];
	const termIds = new Set<string>();
	const checklistIds = new Set(course.checklist.map((item) => item.id));
	const patternIds = new Set(course.failurePatterns.map((pattern) => pattern.id));
	const episodesByNumber = new Map(course.episodes.map((episode) => [episode.number, episode]));

	course.episodes.forEach((episode, index) => {
		const file = sources.episodes.get(episode) ?? "episodes";
		if (episode.number !== index + 1) {
			problems.push(
				`${file}: number: expected episode ${index + 1} (episodes are numbered 1..n without gaps or repeats), got ${episode.number}`,
			);
		}
		for (const id of duplicates(episode.sections.map((s) => s.id))) problems.push(`${file}: sections: id '${id}' is used twice`);
		for (const built of episode.buildsOn) {
			if (built >= episode.number)
				problems.push(`${file}: buildsOn: episode ${episode.number} can only build on earlier episodes, not ${built}`);
		}
	});

	const aliasOwner = new Map<string, string>();
	for (const term of course.glossary) {
		const file = sources.terms.get(term) ?? "glossary";
		if (termIds.has(term.id)) problems.push(`${file}: terms: id '${term.id}' is defined twice`);
		termIds.add(term.id);
		for (const name of [term.term, ...term.aliases]) {
			const key = name.toLowerCase();
			const owner = aliasOwner.get(key);
			if (owner && owner !== term.id)
				problems.push(`${file}: term '${term.id}': name or alias '${name}' already belongs to '${owner}'; give it to one term only`);
			aliasOwner.set(key, term.id);
		}
	}

	const termRef = (file: string, field: string, id: string) => {
		if (!termIds.has(id)) problems.push(`${file}: ${field}: '${id}' is not a glossary id (expected one of the ids under glossary/)`);
	};
	const episodeRef = (file: string, field: string, number: number) => {
		if (!episodesByNumber.has(number)) problems.push(`${file}: ${field}: there is no episode ${number}`);
	};

	for (const term of course.glossary) {
		const file = sources.terms.get(term) ?? "glossary";
		const episode = episodesByNumber.get(term.episode);
		episodeRef(file, `term '${term.id}'.episode`, term.episode);
		if (episode && !episode.sections.some((s) => s.id === term.section)) {
			problems.push(
				`${file}: term '${term.id}'.section: episode ${term.episode} has no section '${term.section}' (it has ${episode.sections.map((s) => s.id).join(", ")})`,
			);
		}
		for (const related of term.related) termRef(file, `term '${term.id}'.related`, related);
	}
	for (const episode of course.episodes) {
		const file = sources.episodes.get(episode) ?? "episodes";
		for (const id of episode.keyTerms) termRef(file, "keyTerms", id);
		for (const id of episode.deepens.checklist) {
			if (!checklistIds.has(id))
				problems.push(`${file}: deepens.checklist: '${id}' is not a checklist item id (expected one of ${[...checklistIds].join(", ")})`);
		}
		for (const id of episode.deepens.failurePatterns) {
			if (!patternIds.has(id))
				problems.push(
					`${file}: deepens.failurePatterns: '${id}' is not a failure pattern id (expected one of ${[...patternIds].join(", ")})`,
				);
		}
	}
	const questionIds = new Set<string>();
	for (const question of course.questions) {
		const file = sources.questions.get(question) ?? "quizzes";
		if (questionIds.has(question.id)) problems.push(`${file}: question id '${question.id}' is used twice`);
		questionIds.add(question.id);
		episodeRef(file, "episode", question.episode);
		termRef(file, `question '${question.id}'.concept`, question.concept);
	}
	for (const item of course.checklist) {
		episodeRef(sources.checklist, `item '${item.id}'.episode`, item.episode);
		for (const id of item.terms) termRef(sources.checklist, `item '${item.id}'.terms`, id);
	}
	for (const id of duplicates(course.checklist.map((i) => i.id))) problems.push(`${sources.checklist}: item id '${id}' is used twice`);
	for (const pattern of course.failurePatterns) {
		episodeRef(sources.failurePatterns, `pattern '${pattern.id}'.episode`, pattern.episode);
		if (!checklistIds.has(pattern.checklistItem)) {
			problems.push(
				`${sources.failurePatterns}: pattern '${pattern.id}'.checklistItem: '${pattern.checklistItem}' is not a checklist item id`,
			);
		}
		for (const id of pattern.terms) termRef(sources.failurePatterns, `pattern '${pattern.id}'.terms`, id);
	}
	return problems;
}

function duplicates(ids: readonly string[]): string[] {
	const seen = new Set<string>();
	return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
}
