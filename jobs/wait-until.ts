/**
 * Waits until a clock reaches a time, in steps of at most a minute: setTimeout cannot wait longer
 * than about 24.8 days, and a timer runs on the monotonic clock, so after a machine suspend or a
 * wall-clock jump it would fire at the wrong moment; re-reading the clock every step notices
 * either within a minute. The timers stay ref'd: waiting for a fire keeps the process alive.
 */
import type { Clock } from "../src/ports/clock.ts";

export const MAX_STEP_MS = 60_000;

/** "clock-went-back": the clock read earlier than before, so a fire computed from it may be far off. */
export type WaitOutcome = "reached" | "stopped" | "clock-went-back";

/** Resolves when `clock` reads `target` (epoch ms) or later, when `signal` aborts, or when the clock goes back. */
export function waitUntil(clock: Clock, target: number, signal: AbortSignal): Promise<WaitOutcome> {
	return new Promise((resolve) => {
		if (signal.aborted) {
			resolve("stopped");
			return;
		}
		let timer: ReturnType<typeof setTimeout> | undefined;
		const onAbort = () => {
			clearTimeout(timer);
			resolve("stopped");
		};
		signal.addEventListener("abort", onAbort, { once: true });
		let last = clock.now().getTime();
		const check = () => {
			const now = clock.now().getTime();
			const outcome: WaitOutcome | undefined = now >= target ? "reached" : now < last ? "clock-went-back" : undefined;
			if (outcome !== undefined) {
				signal.removeEventListener("abort", onAbort);
				resolve(outcome);
				return;
			}
			last = now;
			timer = setTimeout(check, Math.min(target - now, MAX_STEP_MS));
		};
		check();
	});
}
