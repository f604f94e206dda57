/**
 * The core's Metrics on prom-client, in a registry of their own (with Node's process metrics:
 * memory, CPU, event-loop lag), served as Prometheus text on /metrics.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { Metrics } from "../../src/ports/metrics.ts";

export class PromMetrics implements Metrics {
	readonly registry = new Registry();
	readonly #commands = new Counter({
		name: "kubecoach_commands_total",
		help: "Commands, buttons and homes handled, by name and outcome",
		labelNames: ["command", "outcome"] as const,
		registers: [this.registry],
	});
	readonly #commandSeconds = new Histogram({
		name: "kubecoach_command_duration_seconds",
		help: "Time from a command's arrival to its last reply (followUp included)",
		labelNames: ["command"] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
		registers: [this.registry],
	});
	readonly #scheduled = new Counter({
		name: "kubecoach_scheduled_posts_total",
		help: "Scheduled posts (episode drops, quiz posts, reveals) by outcome",
		labelNames: ["kind", "outcome"] as const,
		registers: [this.registry],
	});
	readonly #answers = new Counter({
		name: "kubecoach_quiz_answers_total",
		help: "Quiz answers by outcome (recorded, repeat, failed)",
		labelNames: ["outcome"] as const,
		registers: [this.registry],
	});
	readonly #readiness = new Counter({
		name: "kubecoach_readiness_runs_total",
		help: "/readiness runs by result (pass, fail, error)",
		labelNames: ["outcome"] as const,
		registers: [this.registry],
	});
	readonly #readinessSeconds = new Histogram({
		name: "kubecoach_readiness_run_duration_seconds",
		help: "Time of a /readiness run, reading the cluster included",
		buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
		registers: [this.registry],
	});
	readonly #rateLimits = new Counter({
		name: "kubecoach_rate_limit_waits_total",
		help: "Times a chat platform asked the bot to wait (Slack 429 retries, Discord rate limits)",
		labelNames: ["platform"] as const,
		registers: [this.registry],
	});
	readonly #rateLimitSeconds = new Counter({
		name: "kubecoach_rate_limit_wait_seconds_total",
		help: "Seconds the platforms asked the bot to wait",
		labelNames: ["platform"] as const,
		registers: [this.registry],
	});
	readonly #storeErrors = new Counter({
		name: "kubecoach_store_errors_total",
		help: "Store operations that failed, by operation",
		labelNames: ["operation"] as const,
		registers: [this.registry],
	});

	constructor(options: { readonly processMetrics?: boolean } = {}) {
		if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
	}

	commandDone(name: string, outcome: "ok" | "error", seconds: number): void {
		this.#commands.inc({ command: name, outcome });
		this.#commandSeconds.observe({ command: name }, seconds);
	}

	scheduledPost(kind: "drop" | "quiz" | "reveal", outcome: string): void {
		this.#scheduled.inc({ kind, outcome });
	}

	quizAnswer(outcome: "recorded" | "repeat" | "failed"): void {
		this.#answers.inc({ outcome });
	}

	readinessRun(outcome: "pass" | "fail" | "error", seconds: number): void {
		this.#readiness.inc({ outcome });
		this.#readinessSeconds.observe(seconds);
	}

	rateLimitWait(platform: string, seconds: number): void {
		this.#rateLimits.inc({ platform });
		this.#rateLimitSeconds.inc({ platform }, seconds);
	}

	storeError(operation: string): void {
		this.#storeErrors.inc({ operation });
	}

	/** The Prometheus text exposition of every metric. */
	async text(): Promise<{ readonly contentType: string; readonly body: string }> {
		return { contentType: this.registry.contentType, body: await this.registry.metrics() };
	}
}
