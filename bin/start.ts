// Composition root for `npm start` / `kubecoach start`: reads the environment once and runs the
// bot with the adapters it configures. With nothing configured: the console chat on stdin/stdout,
// the embedded SQLite store and the scheduler (episode drops, quiz posts, reveals) on our own cron
// runner (jobs/cron-runner.ts).
// With PORT set or a chat platform configured, the HTTP server serves /healthz, /readyz and
// /metrics. SIGTERM or SIGINT: stop taking work, finish what is in flight, close the store and the
// gateways, exit 0 (forced after SHUTDOWN_DEADLINE_MS).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CONSOLE_CONTEXT } from "../adapters/console/console-chat.ts";
import { consoleChatFactory } from "../adapters/console/console-factory.ts";
import { mountHealthRoutes, probeStore } from "../adapters/http/health-routes.ts";
import { HttpListenError, HttpServer } from "../adapters/http/http-server.ts";
import { demoSnapshot } from "../adapters/kubernetes/demo-reader.ts";
import { startJobs } from "../jobs/cron-runner.ts";
import { participationDigestJob } from "../jobs/participation-digest.ts";
import { studyJobs } from "../jobs/study-jobs.ts";
import { createCore } from "../src/app.ts";
import { ConfigError } from "../src/config.ts";
import { systemClock } from "../src/ports/clock.ts";
import type { Metrics } from "../src/ports/metrics.ts";
import { parseSchedule } from "../src/schedule/schedule.ts";
import { ScheduleError } from "../src/schedule/schedule-error.ts";
import { defaultStudyOptions, type StudyOptions } from "../src/study/study-options.ts";
import { auditLog } from "./audit-log.ts";
import { chosenFactories, createChatAdapters } from "./chat-adapters.ts";
import type { CommandIo } from "./command-io.ts";
import { demoStudyOptions, firstQuizShown, startDemoCourse } from "./demo.ts";
import { configuredClusterReader } from "./live-reader-from-env.ts";
import { loadConfig } from "./load-config.ts";
import { loadConfiguredCourse } from "./load-course.ts";
import { createLogger } from "./logger.ts";
import { configuredObjectReader } from "./object-reader-from-env.ts";
import { openConfiguredStore } from "./open-store.ts";

const HOUR_MS = 3_600_000;
/** How long in-flight work may take to finish after SIGTERM before the process exits anyway (Kubernetes waits 30 s). */
export const SHUTDOWN_DEADLINE_MS = 20_000;
/** How often the bot checks that the process that started it is still there (see untilStopSignal). */
const PARENT_CHECK_MS = 500;
/** A store that does not answer /readyz's read within this is not ready. */
const STORE_PROBE_MS = 2000;

/** The jobs' schedule (node-cron syntax): every `seconds` (within each minute), or once a minute. */
function jobTick(seconds: number): string {
	return seconds >= 60 ? "* * * * *" : `*/${seconds} * * * * *`;
}

export async function startCommand(args: readonly string[], io: CommandIo): Promise<number> {
	if (args.includes("--help")) {
		io.stdout.write(
			"Usage: kubecoach start [--demo]\nRuns the bot. With no chat platform configured it runs the console chat on standard input and output.\n" +
				"--demo: the console channel follows the course on a fast schedule (KUBECOACH_DEMO_EVERY seconds between drops, default 30),\n" +
				"on a throwaway store; with piped input it waits for Episode 1 and its first recall quiz before exiting.\n",
		);
		return 0;
	}
	const demo = args.includes("--demo");
	const config = loadConfig(io).config;
	const course = await loadConfiguredCourse(config, io.cwd);
	const logger = createLogger({
		stream: io.stderr,
		verbose: config.KUBECOACH_VERBOSE === "1",
		secrets: [
			config.SLACK_BOT_TOKEN,
			config.SLACK_APP_TOKEN,
			config.SLACK_SIGNING_SECRET,
			config.DISCORD_TOKEN,
			redisPassword(config.REDIS_URL),
		],
	});
	const managersTimeZone = config.KUBECOACH_MANAGERS_TIME_ZONE ?? config.KUBECOACH_TIME_ZONE;
	const digestSchedule = digestScheduleOf(config.KUBECOACH_DIGEST_SCHEDULE ?? "mondays 09:00", managersTimeZone);
	const clock = systemClock;
	// The cluster /readiness audits: only when a kubeconfig or in-cluster config is present.
	const { reader, warning } = configuredClusterReader(io.env, io.cwd);
	if (warning !== undefined) io.stderr.write(`kubecoach: ${warning}\n`);

	const base: StudyOptions = {
		...defaultStudyOptions,
		recallOffsetsMs: config.KUBECOACH_RECALL_DAYS.map((days) => Math.round(days * 24 * HOUR_MS)),
		quizOpenMs: Math.round(config.KUBECOACH_QUIZ_OPEN_HOURS * HOUR_MS),
		claimLeaseMs: Math.round(config.KUBECOACH_CLAIM_LEASE_SECONDS * 1000),
		defaultTimeZone: config.KUBECOACH_TIME_ZONE,
		admins: config.KUBECOACH_ADMINS,
		managers: config.KUBECOACH_MANAGERS,
		participationPerPerson: config.KUBECOACH_PARTICIPATION_PER_PERSON === "on",
		managersTimeZone,
		...(config.KUBECOACH_DIGEST_CHANNEL === undefined ? {} : { digestChannel: config.KUBECOACH_DIGEST_CHANNEL }),
	};
	// The demo runs on a throwaway folder, so that every run starts at Episode 1 with fresh quizzes.
	const demoDir = demo ? await mkdtemp(join(tmpdir(), "kubecoach-demo-")) : undefined;
	const opened = await openConfiguredStore(config, io.cwd, logger, demoDir ? { dataDir: demoDir } : undefined);
	const { coordinator } = opened;
	// The demo is the console's: it runs there whatever else is configured.
	const factories = demo ? [consoleChatFactory] : chosenFactories(config);
	// The operator's endpoints (and prom-client) only where something can reach them: PORT set, or a chat platform.
	const serveHttp = io.env.PORT !== undefined || factories.some((factory) => factory.platform !== "console");
	const prom = serveHttp ? new (await import("../adapters/metrics/prom-metrics.ts")).PromMetrics() : undefined;
	const metrics: Metrics | undefined = prom;
	const store = prom ? (await import("../adapters/metrics/counted-store.ts")).countedStore(opened.store, prom) : opened.store;

	const interactive = Boolean((io.stdin as { isTTY?: boolean }).isTTY);
	const terminal = { input: io.stdin, output: io.stdout, interactive };
	// Where adapters keep files (the console's saved reports): the configured folder, even in the
	// demo, so that a report saved there outlives the demo's throwaway store.
	const dataDir = resolve(io.cwd, config.KUBECOACH_DATA_DIR);
	// One HTTP server for the bot: Slack's HTTP mode mounts /slack/events beside the operator's paths.
	const http = new HttpServer({ logger });
	const { adapters, chat } = await createChatAdapters(factories, {
		config,
		logger,
		clock,
		store,
		coordinator,
		terminal,
		dataDir,
		http,
		...(metrics === undefined ? {} : { metrics }),
	}).catch(async (error: unknown) => {
		// A platform refused its credentials: release the store so that the process can exit with the one line.
		await store.close();
		if (demoDir) await rm(demoDir, { recursive: true, force: true });
		throw error;
	});
	// The person at the console runs the bot: they are its admin and its manager.
	const operators = adapters.flatMap((adapter) => adapter.operatorIds ?? []);
	const withOperators = { ...base, admins: [...base.admins, ...operators], managers: [...base.managers, ...operators] };
	const options = demo ? demoStudyOptions(withOperators, config.KUBECOACH_DEMO_EVERY) : withOperators;
	const study = { store, chat, clock, logger, options, ...(metrics === undefined ? {} : { metrics }) };
	const { router } = createCore({
		course,
		readinessNamespaces: config.KUBECOACH_READINESS_NAMESPACES,
		...(config.policy === undefined ? {} : { policy: config.policy }),
		managers: [...config.KUBECOACH_MANAGERS, ...operators],
		// Every cluster read from chat and every refusal: a JSON-lines file, or standard error beside the log.
		audit: await auditLog(config.KUBECOACH_AUDIT_LOG, factories, io, dataDir),
		...(reader === undefined ? {} : { clusterReader: reader }),
		...withObjectReader(configuredObjectReader(io.env, io.cwd)),
		readinessDemo: demoSnapshot,
		study,
		...(metrics === undefined ? {} : { metrics }),
	});
	if (demo) {
		await startDemoCourse(store, course, options, clock, CONSOLE_CONTEXT.channelId, CONSOLE_CONTEXT.userId);
		io.stdout.write(
			`Demo: Episode 1 drops within ${config.KUBECOACH_DEMO_EVERY} s and its first recall quiz ${(options.recallOffsetsMs[0] ?? 0) / 1000} s after it; ` +
				"answer it by typing its letter, then try /quiz mine.\n\n",
		);
	}
	const digest =
		config.KUBECOACH_DIGEST_CHANNEL === undefined
			? []
			: [
					participationDigestJob(
						{ ...study, course },
						{ channelId: config.KUBECOACH_DIGEST_CHANNEL, schedule: digestSchedule, timeZone: managersTimeZone, coordinator },
					),
				];
	const jobs = startJobs(
		[
			...studyJobs(
				{ ...study, course },
				{ tick: demo ? "* * * * * *" : jobTick(config.KUBECOACH_JOB_TICK_SECONDS), serves: (channelId) => chat.serves(channelId) },
			),
			...digest,
		],
		{ coordinator, clock, logger },
	);
	const stopSignal = untilStopSignal(logger, io.env.npm_command !== undefined);
	const state = { started: false, stopping: false, ended: new Set<string>() };
	for (const adapter of adapters) void adapter.ended.then(() => state.ended.add(adapter.platform));
	if (prom) {
		mountHealthRoutes(http, {
			metrics: () => prom.text(),
			notReady: async () => {
				const reasons: string[] = [];
				if (state.stopping) reasons.push("shutting down");
				if (!state.started) reasons.push("the chat adapters are still starting");
				for (const platform of state.ended) reasons.push(`the ${platform} adapter has stopped`);
				if (course.episodes.length === 0) reasons.push("the course has no episodes");
				const storeProblem = await probeStore(store, STORE_PROBE_MS);
				if (storeProblem) reasons.push(storeProblem);
				return reasons;
			},
		});
	}
	try {
		for (const adapter of adapters) await adapter.start(router);
		state.started = true;
		if (serveHttp || http.hasRoutes) {
			const port = await http.listen(config.PORT).catch((error: unknown) => {
				throw error instanceof HttpListenError ? new ConfigError(error.message) : error;
			});
			io.stderr.write(`kubecoach: listening for HTTP on port ${port} (pid ${process.pid})\n`);
		}
		// Until an adapter ends on its own (the console's input) or the process is asked to stop.
		await Promise.race([...adapters.map((adapter) => adapter.ended), stopSignal.requested]);
		// Piped input ends at once: wait for what the demo promised before exiting (bounded).
		if (demo && !interactive) await firstQuizShown(store, CONSOLE_CONTEXT.channelId, 4 * config.KUBECOACH_DEMO_EVERY * 1000);
	} finally {
		// Stop taking work (adapters, jobs), let what is in flight finish, then close the store.
		state.stopping = true;
		stopSignal.dispose();
		await Promise.all(adapters.map((adapter) => adapter.stop()));
		await http.close();
		await jobs.stop();
		await store.close();
		if (demoDir) await rm(demoDir, { recursive: true, force: true });
	}
	return 0;
}

/** The password in a Redis URL (redis://user:PASSWORD@host), so that the log never shows it. */
function redisPassword(url: string | undefined): string | undefined {
	if (url === undefined) return undefined;
	try {
		return decodeURIComponent(new URL(url).password) || undefined;
	} catch {
		return undefined;
	}
}

/**
 * SIGINT or SIGTERM: stop the adapters, the jobs and the store in order instead of dying mid-write.
 * The orderly stop has SHUTDOWN_DEADLINE_MS; a second signal, or the deadline, exits at once.
 * `npm start` and `npx kubecoach start` run the bot under npm, which exits on SIGTERM without
 * passing it on: the bot, left behind, sees its parent change and stops the same way. Only under
 * npm (which sets npm_command): started otherwise, say with `nohup ... &` from a shell that then
 * closes, a bot whose parent goes away is meant to keep running.
 */
function untilStopSignal(
	logger: { warn(message: string): void },
	underNpm: boolean,
): { readonly requested: Promise<void>; dispose(): void } {
	let stop: () => void = () => {};
	const requested = new Promise<void>((resolve) => {
		stop = resolve;
	});
	const onSecond = (signal: NodeJS.Signals) => {
		logger.warn(`${signal} again: exiting without waiting for work in flight`);
		process.exit(process.exitCode ?? 0);
	};
	const parent = process.ppid;
	const parentWatch = underNpm
		? setInterval(() => {
				if (process.ppid !== parent) onSignal("SIGTERM", `npm, which started kubecoach (${parent}), has exited`);
			}, PARENT_CHECK_MS).unref()
		: undefined;
	const onSignal = (signal: NodeJS.Signals, why: string = signal) => {
		clearInterval(parentWatch);
		process.off("SIGINT", onProcessSignal);
		process.off("SIGTERM", onProcessSignal);
		logger.warn(`${why}: stopping (work in flight finishes, at most ${SHUTDOWN_DEADLINE_MS / 1000} s)`);
		process.on("SIGINT", onSecond);
		process.on("SIGTERM", onSecond);
		// Does not keep the process alive: it fires only if something still holds it after the deadline.
		setTimeout(() => {
			logger.warn(`Work in flight did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting`);
			process.exit(process.exitCode ?? 0);
		}, SHUTDOWN_DEADLINE_MS).unref();
		stop();
	};
	// Node calls a signal listener with the signal's number as well: keep it out of the log line.
	const onProcessSignal = (signal: NodeJS.Signals) => onSignal(signal);
	process.once("SIGINT", onProcessSignal);
	process.once("SIGTERM", onProcessSignal);
	return {
		requested,
		dispose() {
			clearInterval(parentWatch);
			process.off("SIGINT", onProcessSignal);
			process.off("SIGTERM", onProcessSignal);
		},
	};
}

/** KUBECOACH_DIGEST_SCHEDULE as cron: plain words or cron, as `/course schedule`; a bad one is a configuration error. */
function digestScheduleOf(text: string, timeZone: string): string {
	try {
		return parseSchedule(text, timeZone).cron;
	} catch (error) {
		if (error instanceof ScheduleError) throw new ConfigError(`KUBECOACH_DIGEST_SCHEDULE: ${error.message}`);
		throw error;
	}
}

function withObjectReader(objectReader: ReturnType<typeof configuredObjectReader>) {
	return objectReader === undefined ? {} : { objectReader };
}

if (import.meta.main) {
	const { runMain } = await import("./run-main.ts");
	await runMain((io) => startCommand(process.argv.slice(2), io));
}
