import { createInterface } from "node:readline";
import { renderText } from "../../adapters/console/render-text.ts";
import { explainReply } from "../../src/explain/explain-reply.ts";
import { Explainer } from "../../src/explain/explainer.ts";
import type { CommandIo } from "../command-io.ts";
import { courseLocation, loadConfiguredCourse } from "../load-course.ts";

const USAGE = `Usage: kubecoach explain [--json] [--batch] QUESTION
  Answers a question from the course's lessons, or says plainly that the course does not cover it.
  --json    print the answer as one JSON object (answered, episode, title, text, and detail)
  --batch   read questions from standard input, one a line; print one JSON object a line
Examples:
  kubecoach explain OOMKilled
  kubecoach explain --json "why exit code 137?"
  printf 'what is a PDB\\nBack-off restarting failed container\\n' | kubecoach explain --batch
`;

export async function explainCommand(args: readonly string[], io: CommandIo): Promise<number> {
	const flags = new Set(args.filter((a) => a.startsWith("--")));
	const words = args.filter((a) => !a.startsWith("--"));
	if (flags.has("--help")) {
		io.stdout.write(USAGE);
		return 0;
	}
	const unknown = [...flags].filter((f) => f !== "--json" && f !== "--batch");
	if (unknown.length > 0) return usageError(io, `unknown option ${unknown.join(", ")}`);
	const batch = flags.has("--batch");
	if (batch && words.length > 0) return usageError(io, "--batch reads questions from standard input; give no QUESTION with it");
	if (!batch && words.length === 0) return usageError(io, "no question given");

	const explainer = new Explainer(await loadConfiguredCourse(await courseLocation(io), io.cwd));
	if (!batch) {
		const answer = explainer.explain(words.join(" "));
		if (flags.has("--json")) io.stdout.write(`${JSON.stringify(answer)}\n`);
		else io.stdout.write(`${renderText({ ...explainReply(answer), buttons: [] })}\n`);
		return 0;
	}
	// One answer line per input line, blank ones included, so that callers can zip input and output.
	for await (const line of createInterface({ input: io.stdin, terminal: false })) {
		io.stdout.write(`${JSON.stringify(explainer.explain(line))}\n`);
	}
	return 0;
}

function usageError(io: CommandIo, problem: string): number {
	io.stderr.write(`kubecoach explain: ${problem}.\n\n${USAGE}`);
	return 2;
}
