import { parseSchedule } from "../../src/schedule/schedule.ts";

/** The next `n` fires of a schedule after `from`, as ISO strings: computed, never waited for. */
export function fires(text: string, timeZone: string, from: string, n: number): string[] {
	const schedule = parseSchedule(text, timeZone);
	const out: string[] = [];
	let at = new Date(from);
	for (let i = 0; i < n; i++) {
		const next = schedule.next(at);
		if (!next) break;
		out.push(next.toISOString());
		at = next;
	}
	return out;
}
