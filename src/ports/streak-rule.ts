import type { Answer, Streak } from "./store.ts";
import { dayNumber } from "./store.ts";

/**
 * The streak rule every store applies when it records an answer: an answer on the day after
 * lastActiveDay extends the streak, one on the same day changes nothing, one after a gap restarts
 * it at 1, and a late answer for an earlier day leaves it alone. Returns `previous` itself when
 * nothing changes.
 */
export function nextStreak(previous: Streak | null, answer: Answer): Streak {
	const base = { channelId: answer.channelId, userId: answer.userId };
	if (!previous) return { ...base, current: 1, longest: 1, lastActiveDay: answer.day };
	const gap = dayNumber(answer.day) - dayNumber(previous.lastActiveDay);
	if (gap <= 0) return previous;
	const current = gap === 1 ? previous.current + 1 : 1;
	return { ...base, current, longest: Math.max(previous.longest, current), lastActiveDay: answer.day };
}
