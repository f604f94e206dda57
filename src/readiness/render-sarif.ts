import { CHECKS } from "./checks/catalog.ts";
import type { Finding } from "./checks/types.ts";
import { type AuditReport, asAudit, type ReadinessReport } from "./report.ts";
import type { SourceLocation } from "./snapshot.ts";

/**
 * SARIF 2.1.0 for code scanning in CI. Rules are the checks (with help text and a helpUri);
 * results point at the manifest file and line when the report came from files, and always carry
 * a logical location (namespace/Kind/name). Exempt items are results with an inSource suppression,
 * so the exemption and its reason stay visible. Info notes are left out: they are not problems.
 */

const LEVEL = { fail: "error", warn: "warning", unknown: "note" } as const;

export function reportSarif(input: ReadinessReport | AuditReport, toolVersion = "0.1.0"): string {
	const audit = asAudit(input);
	const ruleIndex = new Map(CHECKS.map((c, i) => [c.id, i]));
	const results: unknown[] = [];
	// Code scanning merges results that share a fingerprint: a container missing both its CPU and
	// its memory request gives two results of one rule, so repeats are numbered (in report order).
	const fingerprints = new Map<string, number>();
	const fingerprint = (base: string) => {
		const seen = (fingerprints.get(base) ?? 0) + 1;
		fingerprints.set(base, seen);
		return seen === 1 ? base : `${base}#${seen}`;
	};
	const push = (report: ReadinessReport, f: Finding, kind: string, name: string, location: SourceLocation | undefined, exempt?: string) => {
		if (f.level === "info" || f.level === "note") return;
		const objectLocation = f.object === undefined ? undefined : report.locations[`${f.object.kind}/${f.object.name}`];
		const where = location ?? objectLocation;
		results.push({
			ruleId: f.check,
			ruleIndex: ruleIndex.get(f.check) ?? -1,
			level: LEVEL[f.level],
			message: {
				text: `${kind}/${name}: ${f.message}${f.fix === undefined ? "" : ` Fix: ${f.fix}`} Learn: /explain ${f.term} (Episode ${f.episode}).`,
			},
			locations: [
				{
					...(where === undefined
						? {}
						: { physicalLocation: { artifactLocation: { uri: toUri(where.file) }, region: { startLine: where.line } } }),
					logicalLocations: [
						{
							name,
							kind: "resource",
							fullyQualifiedName: `${report.namespace}/${kind}/${name}${f.container === undefined ? "" : `/${f.container}`}`,
						},
					],
				},
			],
			partialFingerprints: { "kubecoach/v1": fingerprint(`${report.namespace}/${kind}/${name}/${f.check}/${f.container ?? ""}`) },
			...(exempt === undefined ? {} : { suppressions: [{ kind: "inSource", justification: exempt }] }),
		});
	};
	for (const report of audit.reports) {
		for (const w of report.workloads) {
			for (const item of report.items) {
				const result = w.items[item];
				if (result === undefined) continue;
				for (const f of result.findings) push(report, f, w.kind, w.name, w.location, result.exempt?.reason);
			}
		}
		for (const f of report.namespaceFindings) {
			if (f.object !== undefined) push(report, f, f.object.kind, f.object.name, report.locations[`${f.object.kind}/${f.object.name}`]);
		}
	}
	// Files passed over are not results: they are what the run could not look at.
	const notifications = audit.skipped.map((skipped) => ({
		level: "note",
		message: { text: `Skipped ${skipped.file}: ${skipped.reason}` },
		locations: [{ physicalLocation: { artifactLocation: { uri: toUri(skipped.file) } } }],
	}));
	const sarif = {
		$schema: "https://json.schemastore.org/sarif-2.1.0.json",
		version: "2.1.0",
		runs: [
			{
				tool: {
					driver: {
						name: "kubecoach",
						version: toolVersion,
						informationUri: "https://kubernetes.io/docs/concepts/",
						rules: CHECKS.map((c) => ({
							id: c.id,
							name: c.title.replace(/[^A-Za-z0-9]+/g, " ").trim(),
							shortDescription: { text: c.title },
							fullDescription: { text: `The workload ${c.message}` },
							helpUri: c.docs,
							help: {
								text: `${c.fix} Checklist item: ${c.item}. Learn: /explain ${c.term} (Episode ${c.episode}).`,
								markdown: `${c.fix}\n\nChecklist item **${c.item}**. Learn: \`/explain ${c.term}\` (Episode ${c.episode}).`,
							},
							defaultConfiguration: { level: c.severity === "fail" ? "error" : "warning" },
							properties: { item: c.item, episode: c.episode, term: c.term },
						})),
					},
				},
				results,
				invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
				properties: {
					namespace: audit.reports.map((r) => r.namespace).join(", "),
					namespaces: audit.reports.map((r) => r.namespace),
					source: audit.reports[0]?.source ?? "",
					score: audit.summary.score,
				},
			},
		],
	};
	return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** SARIF wants URIs: relative paths with forward slashes, percent-encoded. */
function toUri(file: string): string {
	return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}
