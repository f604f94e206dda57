/**
 * A question that pastes output often says, in the asker's own lines around it, what they want:
 * "spring boot app takes ~150s to boot and never finishes starting:" above a liveness probe
 * failure. The paste says what happened; these lines say what the asker is after.
 */

// What a line of pasted output looks like: aligned columns, a shell prompt or a kubectl command,
// an event ("Warning  Unhealthy ..."), a describe field ("Status:  Pending"), a klog or logfmt line,
// a timestamp, a server error, a tagged log or alert line ("[FIRING:37] KubePodNotReady").
const OUTPUT_LINE =
	/\S {2,}\S|\t|^\s*(?:\$|#|>|kubectl\b)|^\s*\[[A-Z][A-Z0-9_:-]*\]|^\s*(?:Warning|Normal)\b|^\s*[A-Z][A-Za-z ]{1,30}:\s|^\s*[IWEF]\d{4}\s|\b(?:level|msg|ts)=|\d{4}-\d{2}-\d{2}[T ]\d{2}:|^\s*\[?\d{2}:\d{2}:\d{2}|Error from server|^\s*(?:error|fatal|panic):/i;

// The asker's own line: a few words of prose.
const PROSE_WORDS = /[A-Za-z]{2,}/g;

/** The asker's own lines of a question that also pastes output, joined; undefined when it has not both. */
export function askerWords(question: string): string | undefined {
	const lines = question.split("\n").filter((line) => line.trim() !== "");
	if (lines.length < 2) return undefined;
	const own = lines.filter((line) => !OUTPUT_LINE.test(line) && (line.match(PROSE_WORDS)?.length ?? 0) >= 3);
	if (own.length === 0 || own.length === lines.length) return undefined;
	return own.join("\n");
}
