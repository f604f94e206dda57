import type { Reply } from "../reply.ts";
import type { ExplainAnswer } from "./explainer.ts";

/** Renders an explain answer as a chat reply: the term, how to diagnose and fix, where it is taught. */
export function explainReply(answer: ExplainAnswer): Reply {
	if (!answer.answered) {
		return {
			header: answer.title,
			text: answer.text,
			buttons: (answer.suggestions ?? []).map((s) => ({ action: "explain", label: `Explain ${s.term}`, value: s.id })),
		};
	}
	const fields = [
		...(answer.whyItBites ? [{ label: "Why it bites in production", value: answer.whyItBites }] : []),
		...(answer.diagnose?.length
			? [{ label: "Diagnose", value: answer.diagnose.map((d) => `\`${d.command}\` — ${d.purpose}`).join("\n") }]
			: []),
		...(answer.fix?.length ? [{ label: "Fix", value: answer.fix.map((step) => `• ${step}`).join("\n") }] : []),
	];
	const where = [
		`Episode ${answer.episode}${answer.episodeTitle ? `: ${answer.episodeTitle}` : ""}`,
		...(answer.section ? [`section "${answer.section.title}"`] : []),
	].join(", ");
	return {
		header: answer.title,
		text: answer.text,
		fields,
		buttons: [
			...(answer.term ? [{ action: "quiz", label: "Quiz me on this", value: answer.term, style: "primary" as const }] : []),
			...(answer.related ?? []).slice(0, 3).map((r) => ({ action: "explain", label: r.term, value: r.id })),
		],
		footer: `From ${where}${answer.related?.length ? ` · Related: ${answer.related.map((r) => r.term).join(", ")}` : ""}`,
	};
}
