/** The arguments of `/course start` and `/course schedule`: schedule words and an optional time zone. */
import { isTimeZone } from "../schedule/time-zone.ts";

/**
 * A zone is a known name or looks like one ("Area/City", so that "Mars/Olympus" gets a zone error);
 * a cron step such as "*\/2" or "1/2" also has a "/" but no letters, and stays in the schedule.
 */
const isZoneWord = (word: string) => /^[a-z][\w+-]*(\/[\w+-]+)+$/i.test(word) || isTimeZone(word);

/**
 * Splits "\"mondays 9:00\" Europe/Berlin" into the schedule words and an optional trailing zone
 * ("in Europe/Berlin" too). A zone alone ("Asia/Kolkata") gives an empty schedule: `/course start
 * Asia/Kolkata` is the default schedule in that zone, `/course schedule Asia/Kolkata` moves the
 * current one there.
 */
export function splitScheduleArgs(text: string): { schedule: string; timeZone?: string } {
	const quoted = /^["“'‘](.*)["”'’]\s*(?:in\s+)?(\S*)$/i.exec(text.trim());
	if (quoted) return { schedule: quoted[1] ?? "", ...(quoted[2] ? { timeZone: quoted[2] } : {}) };
	const words = text.trim().split(/\s+/);
	const last = words.at(-1) ?? "";
	// A trailing word with a "/" or a known zone name is the zone; "Mars/Olympus" then gets its own error.
	if (last !== "" && isZoneWord(last)) {
		const before = words.slice(0, -1);
		if (before.at(-1)?.toLowerCase() === "in") before.pop();
		return { schedule: before.join(" "), timeZone: last };
	}
	return { schedule: text.trim() };
}
