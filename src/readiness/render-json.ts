import type { ReadinessReport } from "./report.ts";

/**
 * The machine-readable report, per DESIGN.md's command-line contract: `workloads`, each with
 * `kind`, `name`, `namespace` and `items` keyed by item id, each `{status, findings}`. Fields
 * are only ever added; `schemaVersion` changes if one is ever removed or renamed.
 */
export function reportJson(report: ReadinessReport): string {
	const document = {
		schemaVersion: 1,
		namespace: report.namespace,
		source: report.source,
		origin: report.origin,
		takenAt: report.takenAt,
		profile: report.profile,
		items: report.items,
		summary: report.summary,
		workloads: report.workloads.map((w) => ({
			kind: w.kind,
			name: w.name,
			namespace: w.namespace,
			status: w.status,
			items: Object.fromEntries(
				report.items.map((item) => {
					const result = w.items[item];
					return [
						item,
						{
							status: result?.status ?? "n/a",
							findings: result?.findings ?? [],
							...(result?.exempt === undefined ? {} : { exempt: result.exempt }),
						},
					];
				}),
			),
			...(w.notes.length === 0 ? {} : { notes: w.notes }),
			...(w.location === undefined ? {} : { location: w.location }),
		})),
		namespaceFindings: report.namespaceFindings,
		failingNow: report.failingNow,
		visibility: report.visibility,
	};
	return `${JSON.stringify(document, null, 2)}\n`;
}
