/**
 * Plain-word schedules, turned into cron: "mondays 9:00", "every monday at 9am", "every monday at
 * 9", "weekdays at 09:30", "every day at 18:00", "tue, thu at 8:15 pm", "weekends at noon", "every
 * 2 minutes", "every 30 seconds" (demos), "hourly". Returns null for text it does not understand,
 * so the caller can say what is accepted; throws ScheduleError for a repeat it understands but
 * cron cannot keep (see interval).
 */
import { ACCEPTED_SCHEDULES, ScheduleError } from "./schedule-error.ts";

const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const DAY_WORD = /^(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(day)?s?$/;
const FILLER = new Set(["every", "each", "on", "at", "@", "and", "&", "the", "in"]);

function dayOf(word: string): number | undefined {
	const match = DAY_WORD.exec(word);
	return match ? DAYS[(match[1] ?? "").slice(0, 3)] : undefined;
}

/**
 * "9:30", "09:30", "9am", "9:30pm", "noon", "midnight" -> [hour, minute]; undefined otherwise. A
 * bare number ("9") is an hour only right after "at" (`afterAt`): "every monday at 9" is clear,
 * while a lone "2" in "every 2 mondays" must not become 02:00.
 */
function timeOf(text: string, afterAt: boolean): [number, number] | undefined {
	if (text === "noon") return [12, 0];
	if (text === "midnight") return [0, 0];
	const match = /^(\d{1,2})(?:[:.h](\d{2}))?(am|pm)?$/.exec(text);
	if (!match) return undefined;
	let hour = Number(match[1]);
	const minute = Number(match[2] ?? 0);
	const half = match[3];
	if (half !== undefined && (hour < 1 || hour > 12)) return undefined;
	if (half === "pm" && hour < 12) hour += 12;
	if (half === "am" && hour === 12) hour = 0;
	if (match[2] === undefined && half === undefined && !afterAt) return undefined;
	return hour <= 23 && minute <= 59 ? [hour, minute] : undefined;
}

/** The steps cron repeats evenly: those that divide the minute, the hour or the day. */
const EVEN_STEPS: Record<string, readonly number[]> = {
	second: [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30],
	minute: [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30],
	hour: [1, 2, 3, 4, 6, 8, 12],
};

/**
 * "every N seconds|minutes|hours" as cron, or undefined when the words are not a repeat. Cron's
 * `*\/7` restarts at every hour (…:49, :56, then :00), so "every 7 minutes" would come 4 minutes
 * after the last one: only steps that divide the unit evenly are accepted, and the error lists them.
 */
function interval(text: string, words: readonly string[]): string | undefined {
	const match = /^every (?:(\d+) )?(second|minute|hour)s?$/.exec(words.join(" "));
	if (!match) return undefined;
	const n = Number(match[1] ?? 1);
	const unit = match[2] ?? "minute";
	const steps = EVEN_STEPS[unit] ?? [];
	if (!steps.includes(n)) {
		const list = `${steps.slice(0, -1).join(", ")} or ${steps.at(-1)}`;
		throw new ScheduleError(
			"schedule-invalid",
			`"${text}" is not a schedule I can keep: repeats must divide the ${unit === "hour" ? "day" : unit === "minute" ? "hour" : "minute"} evenly, so every ${list} ${unit}s. ${ACCEPTED_SCHEDULES}`,
		);
	}
	const every = n === 1 ? "*" : `*/${n}`;
	if (unit === "hour") return `0 ${every} * * *`;
	return unit === "second" ? `${every} * * * * *` : `${every} * * * *`;
}

/** The cron expression for plain words, or null when they are not a schedule this understands. */
export function plainWordsToCron(text: string): string | null {
	const normal = text
		.toLowerCase()
		.replace(/[,;]/g, " ")
		.replace(/(\d)\s+(am|pm)\b/g, "$1$2")
		// "monday to friday", "mon through fri": the range "monday-friday".
		.replace(/\b([a-z]+)\s+(?:to|through|thru|until|till)\s+([a-z]+)\b/g, "$1-$2")
		.replace(/@/g, " @ ")
		.trim()
		.split(/\s+/)
		.filter((w) => w !== "");
	const every = interval(text.trim(), normal);
	if (every !== undefined) return every;
	if (normal.join(" ") === "hourly") return "0 * * * *";

	const days = new Set<number>();
	let daily = false;
	let time: [number, number] | undefined;
	for (const [i, word] of normal.entries()) {
		if (FILLER.has(word)) continue;
		const range = /^([a-z]+)-([a-z]+)$/.exec(word);
		const single = dayOf(word);
		const clock = timeOf(word, normal[i - 1] === "at" || normal[i - 1] === "@");
		if (single !== undefined) days.add(single);
		else if (range && dayOf(range[1] ?? "") !== undefined && dayOf(range[2] ?? "") !== undefined) {
			const from = dayOf(range[1] ?? "") ?? 0;
			const to = dayOf(range[2] ?? "") ?? 0;
			for (let d = from; d !== to; d = (d + 1) % 7) days.add(d);
			days.add(to);
		} else if (word === "weekdays" || word === "weekday") for (const d of [1, 2, 3, 4, 5]) days.add(d);
		else if (word === "weekends" || word === "weekend") for (const d of [0, 6]) days.add(d);
		else if (word === "day" || word === "days" || word === "daily") daily = true;
		else if (word === "weekly") days.add(1);
		else if (clock && time === undefined) time = clock;
		else return null;
	}
	if (days.size === 0 && !daily && time === undefined) return null;
	const [hour, minute] = time ?? [9, 0];
	const weekdays = days.size === 0 || days.size === 7 ? "*" : [...days].sort((a, b) => a - b).join(",");
	return `${minute} ${hour} * * ${weekdays}`;
}
