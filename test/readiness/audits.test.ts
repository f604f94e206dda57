import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CommandIo } from "../../bin/command-io.ts";
import { readinessCommand } from "../../bin/commands/readiness.ts";

/**
 * Whole audits as `kubecoach readiness --file DIR --json` runs them, on folders named by their
 * verdict: `pass.<case>` (exit 0, every item passes or is n/a, nothing unknown), `warn.<case>`
 * (exit 0 with warnings), `unknown.<case>` (exit 0 with unknown items), `fail.<case>` (exit 1).
 * Each folder holds the manifests (real-world ones say their source in their first comment) and
 * an `expect.txt` of what a reviewer would check, one line each:
 *   args ARG...                      more command-line arguments (--partial)
 *   namespaces NS...                 the namespaces reported, in order
 *   all ITEM STATUS                  every workload's item has that status
 *   item NS/KIND/NAME ITEM STATUS    one workload's item
 *   workload NS/KIND/NAME STATUS     one workload's verdict
 *   object LEVEL TEXT                a finding about an object (not a workload) with that level and text
 *   skipped FILE TEXT                a file passed over, and why
 *   not-judged KIND WHY              objects no check reads are listed
 *   unknown-items N                  how many item verdicts are unknown
 *   line KIND/NAME FILE:LINE         where a workload was read from
 *   score OP N                       the headline score (OP is <, = or >)
 *   absent TEXT                      the output never holds TEXT (a Secret's value)
 * Every audit also keeps the output contract: JSON on stdout, nothing on stderr, and no message
 * leaks an internal state, "undefined", or advice that does not fit manifest mode.
 */

const ROOT = join(import.meta.dirname, "audits");
const EXIT: Record<string, number> = { pass: 0, warn: 0, unknown: 0, fail: 1 };

interface Finding {
	readonly level: string;
	readonly message: string;
	readonly fix?: string;
}
interface Report {
	namespaces: string[];
	summary: { score: number | null; unknownItems: number };
	workloads: {
		kind: string;
		name: string;
		namespace: string;
		status: string;
		items: Record<string, { status: string; findings: Finding[] }>;
		location?: { file: string; line: number };
	}[];
	namespaceFindings: (Finding & { namespace?: string })[];
	notJudged: { kind: string; why: string }[];
	skipped: { file: string; reason: string }[];
}

function io(): { io: CommandIo; out: () => string; err: () => string } {
	const out: string[] = [];
	const err: string[] = [];
	return {
		io: {
			stdin: Readable.from([]),
			stdout: { write: (t: string) => out.push(t) },
			stderr: { write: (t: string) => err.push(t) },
			env: {},
			cwd: ROOT,
		},
		out: () => out.join(""),
		err: () => err.join(""),
	};
}

const NEVER = ["undefined", "not-provided", "not-in-files", "live-only", "read access", "[object Object]", "NaN"];

function check(line: string, report: Report, exit: number, output: string): void {
	const [word, ...rest] = line.split(" ");
	const workload = (ref: string) => {
		const [namespace, kind, name] = ref.split("/");
		const found = report.workloads.find((w) => w.namespace === namespace && w.kind === kind && w.name === name);
		expect(found, `workload ${ref}`).toBeDefined();
		return found as Report["workloads"][number];
	};
	switch (word) {
		case "args":
			return;
		case "absent":
			expect(output).not.toContain(rest.join(" "));
			return;
		case "namespaces":
			expect(report.namespaces).toEqual(rest);
			return;
		case "all":
			for (const w of report.workloads)
				expect(`${w.kind}/${w.name} ${w.items[rest[0] as string]?.status}`).toBe(`${w.kind}/${w.name} ${rest[1]}`);
			return;
		case "item":
			expect(workload(rest[0] as string).items[rest[1] as string]?.status, line).toBe(rest[2]);
			return;
		case "workload":
			expect(workload(rest[0] as string).status, line).toBe(rest[1]);
			return;
		case "object": {
			const text = rest.slice(1).join(" ");
			const levels = report.namespaceFindings.filter((f) => f.message.includes(text)).map((f) => f.level);
			expect(levels, line).toContain(rest[0]);
			return;
		}
		case "skipped": {
			const found = report.skipped.find((s) => s.file.endsWith(rest[0] as string));
			expect(found?.reason, line).toContain(rest.slice(1).join(" "));
			return;
		}
		case "not-judged":
			expect(
				report.notJudged.map((n) => `${n.kind} ${n.why}`),
				line,
			).toContain(rest.join(" "));
			return;
		case "unknown-items":
			expect(report.summary.unknownItems, line).toBe(Number(rest[0]));
			return;
		case "line": {
			const [kind, name] = (rest[0] as string).split("/");
			const found = report.workloads.find((w) => w.kind === kind && w.name === name);
			expect(
				`${found?.location?.file}:${found?.location?.line}`.endsWith(rest[1] as string),
				`${line} (got ${found?.location?.file}:${found?.location?.line})`,
			).toBe(true);
			return;
		}
		case "score": {
			const score = report.summary.score ?? -1;
			const n = Number(rest[1]);
			expect(rest[0] === "<" ? score < n : rest[0] === ">" ? score > n : score === n, `${line} (got ${score})`).toBe(true);
			return;
		}
		default:
			throw new Error(`expect.txt: unknown line "${line}" (exit ${exit})`);
	}
}

const cases = readdirSync(ROOT, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name);

describe("whole audits of manifest folders, named by verdict", () => {
	it.each(cases)("%s", async (name) => {
		const verdict = name.split(".")[0] as string;
		expect(Object.keys(EXIT), `${name} is named by its verdict`).toContain(verdict);
		const lines = readFileSync(join(ROOT, name, "expect.txt"), "utf8")
			.split("\n")
			.map((l) => l.trim())
			.filter((l) => l !== "" && !l.startsWith("#"));
		const args = lines.filter((l) => l.startsWith("args ")).flatMap((l) => l.split(" ").slice(1));
		const run = io();
		const code = await readinessCommand(["--file", name, "--json", ...args], run.io, { now: () => new Date("2026-11-21T12:00:00Z") });
		expect(run.err()).toBe("");
		expect(code).toBe(EXIT[verdict]);
		const report = JSON.parse(run.out()) as Report;
		for (const line of lines) check(line, report, code, run.out());

		const statuses = report.workloads.flatMap((w) => Object.values(w.items).map((i) => i.status));
		if (verdict === "pass") {
			expect(
				statuses.every((s) => s === "pass" || s === "n/a"),
				"a pass audit: every item passes",
			).toBe(true);
			expect(report.summary.score).toBe(100);
		}
		if (verdict === "warn") expect(statuses).toContain("warn");
		if (verdict === "unknown") expect(report.summary.unknownItems).toBeGreaterThan(0);
		const texts = [
			...report.workloads.flatMap((w) => Object.values(w.items).flatMap((i) => i.findings)),
			...report.namespaceFindings,
		].flatMap((f) => [f.message, f.fix ?? ""]);
		for (const text of texts) for (const word of NEVER) expect(text, `"${word}" in: ${text}`).not.toContain(word);
	});
});
