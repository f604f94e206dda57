/**
 * The participation export: one row per learner per week, UTF-8 with a byte-order mark (so that
 * spreadsheets read it as UTF-8), written by csv-stringify with formula escaping on: a cell that
 * starts with =, +, -, @, a tab or a carriage return gets a leading quote, so a name cannot run as a
 * spreadsheet formula.
 */
import { stringify } from "csv-stringify/sync";

export interface CsvRow {
	readonly week: string;
	readonly userId: string;
	readonly answers: number;
	readonly correct: number;
}

export function participationCsv(rows: readonly CsvRow[]): string {
	const body = stringify(
		rows.map((r) => [r.week, r.userId, r.answers, r.correct, r.answers === 0 ? "" : (r.correct / r.answers).toFixed(2)]),
		{ header: true, columns: ["week_of", "learner", "answers", "correct", "accuracy"], escape_formulas: true, record_delimiter: "\r\n" },
	);
	return `\uFEFF${body}`;
}
