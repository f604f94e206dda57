/**
 * What the core counts for operators (served as Prometheus text on /metrics by
 * adapters/metrics/prom-metrics.ts). Names are the core's own words; labels stay few and bounded
 * (command names, outcomes), never user input.
 */
export interface Metrics {
	/** A command, button or home finished (its followUp included): its name, whether it failed, how long it took. */
	commandDone(name: string, outcome: "ok" | "error", seconds: number): void;
	/** A scheduled post ran: an episode drop, a quiz post or a reveal, with the job's outcome ("posted", "taken", "failed", ...). */
	scheduledPost(kind: "drop" | "quiz" | "reveal", outcome: string): void;
	/** A quiz answer: "recorded", "repeat" (the first answer counts) or "failed". */
	quizAnswer(outcome: "recorded" | "repeat" | "failed"): void;
	/** A /readiness run finished: "pass", "fail" or "error", and how long it took. */
	readinessRun(outcome: "pass" | "fail" | "error", seconds: number): void;
	/** A chat platform asked the bot to wait (Slack's 429 Retry-After, Discord's rate limits). */
	rateLimitWait(platform: string, seconds: number): void;
	/** A store operation failed. */
	storeError(operation: string): void;
}

/** Counts nothing: where nobody scrapes metrics (the CLI, most tests). */
export const noMetrics: Metrics = {
	commandDone() {},
	scheduledPost() {},
	quizAnswer() {},
	readinessRun() {},
	rateLimitWait() {},
	storeError() {},
};
