/**
 * Plain-word schedules, turned into cron: "mondays 9:00", "every monday at 9am", "weekdays at
 * 09:30", "every day at 18:00", "tue, thu at 8:15 pm", "weekends at noon", "every 2 minutes",
 * "every 30 seconds" (demos), "hourly". Returns null for text it does not understand, so the
 * caller can say what is accepted.
 */

const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const DAY_WORD = /^(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(day)?s?$/;
const FILLER = new Set(["every", "each", "on", "at", "and", "&", "the", "in"]);

function dayOf(word: string): number | undefined {
	const match = DAY_WORD.exec(word);
	return match ? DAYS[(match[1] ?? "").slice(0, 3)] : undefined;
}

/** "9", "9:30", "09:30", "9am", "9:30pm", "noon", "midnight" -> [hour, minute]; undefined otherwise. */
function timeOf(text: string): [number, number] | undefined {
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
	if (match[2] === undefined && half === undefined) return undefined; // a bare number is not a time
	return hour <= 23 && minute <= 59 ? [hour, minute] : undefined;
}

function interval(words: readonly string[]): string | null | undefined {
	const match = /^every (?:(\d+) )?(second|minute|hour)s?$/.exec(words.join(" "));
	if (!match) return undefined;
	const n = Number(match[1] ?? 1);
	const unit = match[2];
	if (unit === "hour") return n >= 1 && n <= 23 ? `0 ${n === 1 ? "*" : `*/${n}`} * * *` : null;
	if (n < 1 || n > 59) return null;
	const every = n === 1 ? "*" : `*/${n}`;
	return unit === "second" ? `${every} * * * * *` : `${every} * * * *`;
}

/** The cron expression for plain words, or null when they are not a schedule this understands. */
export function plainWordsToCron(text: string): string | null {
	const normal = text
		.toLowerCase()
		.replace(/[,;]/g, " ")
		.replace(/(\d)\s+(am|pm)\b/g, "$1$2")
		.trim()
		.split(/\s+/)
		.filter((w) => w !== "");
	const every = interval(normal);
	if (every !== undefined) return every;
	if (normal.join(" ") === "hourly") return "0 * * * *";

	const days = new Set<number>();
	let daily = false;
	let time: [number, number] | undefined;
	for (const word of normal.filter((w) => !FILLER.has(w))) {
		const range = /^([a-z]+)-([a-z]+)$/.exec(word);
		const single = dayOf(word);
		const clock = timeOf(word);
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
