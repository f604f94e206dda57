/**
 * Cron expressions in node-cron's syntax (5 fields, or 6 with seconds first): `*`, `?` in the day
 * fields, numbers, ranges `1-5`, steps `*\/15` and `1-30/5`, lists, month and weekday names, and
 * 0 or 7 for Sunday. Day of month and day of week must both match (node-cron combines them with
 * AND, unlike Vixie cron's OR). The Quartz extras (L, W, #) are not supported: a channel schedule
 * never needs them, and refusing them beats guessing.
 */
import { ACCEPTED_SCHEDULES, ScheduleError } from "./schedule-error.ts";

export interface CronSpec {
	/** The expression as given, normalised to single spaces. */
	readonly expression: string;
	readonly hasSeconds: boolean;
	/** Index = value; true where the field matches. */
	readonly seconds: readonly boolean[];
	readonly minutes: readonly boolean[];
	readonly hours: readonly boolean[];
	readonly daysOfMonth: readonly boolean[];
	readonly months: readonly boolean[];
	/** 0 = Sunday. */
	readonly daysOfWeek: readonly boolean[];
	/** The field was `*` (or `?`), as opposed to a list that happens to cover every value. */
	readonly anyDayOfMonth: boolean;
	readonly anyDayOfWeek: boolean;
}

interface FieldRule {
	readonly name: string;
	readonly min: number;
	readonly max: number;
	readonly names?: readonly string[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
/** Full names, which node-cron accepts beside the three-letter ones. */
const FULL_NAMES = new Set([
	...["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"],
	...["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
]);

const RULES: Record<"second" | "minute" | "hour" | "dayOfMonth" | "month" | "dayOfWeek", FieldRule> = {
	second: { name: "second", min: 0, max: 59 },
	minute: { name: "minute", min: 0, max: 59 },
	hour: { name: "hour", min: 0, max: 23 },
	dayOfMonth: { name: "day of month", min: 1, max: 31 },
	month: { name: "month", min: 1, max: 12, names: MONTHS },
	dayOfWeek: { name: "day of week", min: 0, max: 7, names: WEEKDAYS },
};

function invalid(expression: string, detail: string): ScheduleError {
	return new ScheduleError("schedule-invalid", `"${expression}" is not a schedule I can use: ${detail}. ${ACCEPTED_SCHEDULES}`);
}

function value(text: string, rule: FieldRule, expression: string): number {
	// "mon" or "monday", not anything that starts with "mon" ("monkey" would read as Monday).
	const lower = text.toLowerCase();
	const named = lower.length === 3 || FULL_NAMES.has(lower) ? (rule.names?.indexOf(lower.slice(0, 3)) ?? -1) : -1;
	if (named >= 0) return rule === RULES.month ? named + 1 : named;
	if (!/^\d+$/.test(text)) throw invalid(expression, `"${text}" is not a valid ${rule.name}`);
	const n = Number(text);
	if (n < rule.min || n > rule.max) throw invalid(expression, `the ${rule.name} must be from ${rule.min} to ${rule.max}, not ${n}`);
	return n;
}

function field(text: string, rule: FieldRule, expression: string): boolean[] {
	const matches: boolean[] = Array.from({ length: rule.max + 1 }, () => false);
	for (const item of text.split(",")) {
		const [range = "", stepText] = item.split("/");
		const step = stepText === undefined ? 1 : Number(stepText);
		if (!Number.isInteger(step) || step < 1 || (stepText !== undefined && !/^\d+$/.test(stepText))) {
			throw invalid(expression, `"${item}" has a step that is not a positive whole number`);
		}
		let from: number;
		let to: number;
		if (range === "*" || range === "?") {
			from = rule.min;
			to = rule === RULES.dayOfWeek ? 6 : rule.max;
		} else if (range.includes("-")) {
			const [a = "", b = ""] = range.split("-");
			from = value(a, rule, expression);
			to = value(b, rule, expression);
			if (to < from) throw invalid(expression, `the range "${range}" in the ${rule.name} runs backwards`);
		} else {
			from = value(range, rule, expression);
			to = stepText === undefined ? from : rule.max;
		}
		for (let v = from; v <= to; v += step) matches[v] = true;
	}
	if (rule === RULES.dayOfWeek && matches[7]) matches[0] = true;
	return matches.slice(0, rule === RULES.dayOfWeek ? 7 : rule.max + 1);
}

/** True when `text` has the shape of a cron expression (so that errors speak of cron, not words). */
export function looksLikeCron(text: string): boolean {
	const fields = text.trim().split(/\s+/);
	// 3 to 7 fields, so that a field too many or too few is reported as such.
	return fields.length >= 3 && fields.length <= 7 && fields.every((f) => /^[\d*?/,\-a-z]+$/i.test(f)) && /[\d*]/.test(fields[0] ?? "");
}

/** Parses a cron expression; throws ScheduleError (code "schedule-invalid") saying what is wrong. */
export function parseCron(text: string): CronSpec {
	const expression = text.trim().split(/\s+/).join(" ");
	const parts = expression.split(" ");
	if (parts.length !== 5 && parts.length !== 6) {
		throw invalid(expression, `a cron expression has 5 fields (or 6 with seconds), this one has ${parts.length}`);
	}
	for (const part of parts) {
		if (/[LW#]/.test(part) && !/^[a-z]+$/i.test(part.replace(/[,-]/g, ""))) {
			throw invalid(expression, `"${part}" uses L, W or #, which I do not support`);
		}
	}
	const hasSeconds = parts.length === 6;
	const [second, minute, hour, dayOfMonth, month, dayOfWeek] = (hasSeconds ? parts : ["0", ...parts]) as [
		string,
		string,
		string,
		string,
		string,
		string,
	];
	const spec: CronSpec = {
		expression,
		hasSeconds,
		seconds: field(second, RULES.second, expression),
		minutes: field(minute, RULES.minute, expression),
		hours: field(hour, RULES.hour, expression),
		daysOfMonth: field(dayOfMonth, RULES.dayOfMonth, expression),
		months: field(month, RULES.month, expression),
		daysOfWeek: field(dayOfWeek, RULES.dayOfWeek, expression),
		anyDayOfMonth: dayOfMonth === "*" || dayOfMonth === "?",
		anyDayOfWeek: dayOfWeek === "*" || dayOfWeek === "?",
	};
	if (!spec.daysOfMonth.slice(1).some(Boolean) || !spec.months.some(Boolean)) throw invalid(expression, "it never fires");
	return spec;
}
