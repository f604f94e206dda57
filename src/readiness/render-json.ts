import { type AuditReport, asAudit, type ReadinessReport } from "./report.ts";

/**
 * The machine-readable report, per DESIGN.md's command-line contract: `workloads`, each with
 * `kind`, `name`, `namespace` and `items` keyed by item id, each `{status, findings}`. A run over
 * files of several namespaces lists the workloads of all of them, with a summary per namespace in
 * `byNamespace`. Fields are only ever added; `schemaVersion` changes if one is ever removed or
 * renamed.
 */
export function reportJson(input: ReadinessReport | AuditReport): string {
	const audit = asAudit(input);
	const first = audit.reports[0];
	const names = audit.reports.map((r) => r.namespace);
	const perNamespace = <T extends object>(pick: (r: ReadinessReport) => readonly T[]) =>
		audit.reports.flatMap((r) => pick(r).map((entry) => (audit.reports.length === 1 ? entry : { namespace: r.namespace, ...entry })));
	const document = {
		schemaVersion: 1,
		namespace: names.join(", "),
		namespaces: names,
		source: first?.source ?? "",
		origin: first?.origin ?? "files",
		...(first?.reading === undefined ? {} : { reading: first.reading }),
		takenAt: first?.takenAt ?? "",
		profile: audit.profile,
		items: audit.items,
		summary: audit.summary,
		workloads: audit.reports.flatMap((report) =>
			report.workloads.map((w) => ({
				kind: w.kind,
				name: w.name,
				namespace: w.namespace,
				status: w.status,
				items: Object.fromEntries(
					audit.items.map((item) => {
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
		),
		namespaceFindings: perNamespace((r) => r.namespaceFindings),
		failingNow: perNamespace((r) => r.failingNow),
		visibility: perNamespace((r) => r.visibility),
		notJudged: perNamespace((r) => r.notJudged),
		skipped: audit.skipped,
		...(audit.reports.length > 1 ? { byNamespace: audit.reports.map((r) => ({ namespace: r.namespace, summary: r.summary })) } : {}),
	};
	return `${JSON.stringify(document, null, 2)}\n`;
}
