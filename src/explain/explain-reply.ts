import type { Reply, ReplyButton, ReplyField } from "../reply.ts";
import type { ExplainAnswer } from "./explainer.ts";
import type { NameKind, ObjectNames } from "./question-names.ts";

/** The "more" button's action: its value is a glossary id, with the user's object names after it. */
export const MORE_ACTION = "explain-more";

// Button values travel through chat platforms that cap ids (Discord: 100 characters, with the
// action encoded beside it): names are dropped from the value before it would grow past this.
const MAX_MORE_VALUE = 80;

/**
 * An answer as a chat reply, short enough to read at 2 AM: what it means or what to do, the
 * commands to run first with the user's names, and buttons for the full lesson ("More"), a quiz,
 * and the other topics when the answer was a close call.
 */
export function explainReply(answer: ExplainAnswer): Reply {
	if (!answer.answered) {
		// Only the asker sees a decline: the channel gets lessons, not "I do not know".
		return {
			visibility: "private",
			header: answer.title,
			text: answer.text,
			buttons: (answer.suggestions ?? []).map((s) => ({ action: "explain", label: `Explain ${s.term}`, value: s.id })),
		};
	}
	const fields: ReplyField[] = [];
	if (answer.lead?.run.length)
		fields.push({ label: "Run first", value: answer.lead.run.map((d) => `\`${d.command}\` — ${d.purpose}`).join("\n") });
	if (answer.lead?.steps.length) fields.push({ label: "Then", value: answer.lead.steps.map((step) => `• ${step}`).join("\n") });
	const buttons: ReplyButton[] = [];
	if (answer.term) {
		buttons.push({ action: "quiz", label: "Quiz me on this", value: answer.term, style: "primary" });
		buttons.push({ action: MORE_ACTION, label: "More: the full lesson", value: moreValue(answer.term, answer.names ?? {}) });
	}
	const others = answer.verdict === "close" || answer.compared ? answer.alternatives : [];
	for (const other of others.slice(0, 3)) buttons.push({ action: "explain", label: `Explain ${other.term}`, value: other.id });
	return {
		header: answer.title,
		text:
			answer.verdict === "close"
				? `${answer.text}\n_Not sure this is what you meant? Other topics came close: see the buttons._`
				: answer.text,
		fields,
		buttons,
		footer: `From ${where(answer)}`,
	};
}

/** The whole lesson for a term: definition, why it bites, every command (names filled) and fix. */
export function fullLessonReply(answer: ExplainAnswer): Reply {
	const fields: ReplyField[] = [
		...(answer.whyItBites ? [{ label: "Why it bites in production", value: answer.whyItBites }] : []),
		...(answer.diagnose?.length
			? [{ label: "Diagnose", value: answer.diagnose.map((d) => `\`${d.command}\` — ${d.purpose}`).join("\n") }]
			: []),
		...(answer.fix?.length ? [{ label: "Fix", value: answer.fix.map((step) => `• ${step}`).join("\n") }] : []),
	];
	return {
		header: answer.title,
		text: answer.definition ?? answer.text,
		fields,
		buttons: [
			...(answer.term ? [{ action: "quiz", label: "Quiz me on this", value: answer.term, style: "primary" as const }] : []),
			...(answer.related ?? []).slice(0, 3).map((r) => ({ action: "explain", label: r.term, value: r.id })),
		],
		footer: `From ${where(answer)}${answer.related?.length ? ` · Related: ${answer.related.map((r) => r.term).join(", ")}` : ""}`,
	};
}

function where(answer: ExplainAnswer): string {
	return [
		`Episode ${answer.episode}${answer.episodeTitle ? `: ${answer.episodeTitle}` : ""}`,
		...(answer.section ? [`section "${answer.section.title}"`] : []),
	].join(", ");
}

const NAME_KEYS: Record<NameKind, string> = {
	pod: "pod",
	namespace: "ns",
	deployment: "deploy",
	statefulSet: "sts",
	node: "node",
	pvc: "pvc",
	serviceAccount: "sa",
	container: "c",
};

/** `oomkilled ns=shop pod=web-0`: the term, then as many of the names as fit. */
export function moreValue(term: string, names: ObjectNames): string {
	let value = term;
	for (const [kind, key] of Object.entries(NAME_KEYS) as [NameKind, string][]) {
		const name = names[kind];
		if (name === undefined) continue;
		const next = `${value} ${key}=${name}`;
		if (next.length <= MAX_MORE_VALUE) value = next;
	}
	return value;
}

/** The term and the names back from a "more" button's value. */
export function parseMoreValue(value: string): { term: string; names: ObjectNames } {
	const [term = "", ...pairs] = value.trim().split(/\s+/);
	const names: ObjectNames = {};
	for (const pair of pairs) {
		const [key, name] = pair.split("=", 2);
		const kind = (Object.entries(NAME_KEYS) as [NameKind, string][]).find(([, k]) => k === key)?.[0];
		if (kind && name && /^[a-z0-9][-a-z0-9.]*$/.test(name)) names[kind] = name;
	}
	return { term, names };
}
