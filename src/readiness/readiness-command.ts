import { type Audit, auditor, reportOutcome } from "../authorization/audit.ts";
import { Authorization } from "../authorization/authorization.ts";
import { DEFAULT_CLUSTER, matchesAny } from "../authorization/policy.ts";
import type { AuditLog } from "../ports/audit-log.ts";
import type { ClusterReadError, ClusterReader } from "../ports/cluster-reader.ts";
import type { Logger } from "../ports/logger.ts";
import { type Metrics, noMetrics } from "../ports/metrics.ts";
import type { Reply } from "../reply.ts";
import type { Command } from "../router/command.ts";
import { privately as answerPrivately } from "../router/handled.ts";
import { readinessReplies } from "./chat-replies.ts";
import type { Profile } from "./checks/types.ts";
import { isNamespaceName, namespaceNameProblem } from "./namespace-name.ts";
import { reportText } from "./render-text.ts";
import { buildReport, type ReadinessReport, reportExitCode } from "./report.ts";
import type { NamespaceSnapshot } from "./snapshot.ts";

export interface ReadinessCommandOptions {
	/** The cluster to audit; none: `/readiness NS` says how to connect one and offers the demo. */
	readonly clusterReader?: ClusterReader;
	/** Counts every run by result. */
	readonly metrics?: Metrics;
	/** Namespaces chat users may audit: names or patterns with `*` (KUBECOACH_READINESS_NAMESPACES). Default: all. */
	readonly namespaces?: readonly string[];
	/** Who may read which cluster and namespace; default: the namespace allow-list alone (`namespaces`). */
	readonly authorization?: Authorization;
	/** Where every run and refusal is recorded (who, where, what, result). */
	readonly audit?: AuditLog;
	/** Where a failed audit write is reported. */
	readonly logger?: Logger;
	/** Clock for exemption expiry and audit times; tests pass a fixed one. */
	readonly now?: () => Date;
	/** A glossary id's display name ("pending-pod" → "Pending pod"), for the explain buttons. */
	readonly termName?: (id: string) => string | undefined;
	/** Reads the demo namespace for `/readiness --demo` (the composition root reads content/demo-cluster). */
	readonly demo?: (now: Date) => Promise<NamespaceSnapshot>;
}

const USAGE =
	"Usage: `/readiness NAMESPACE [--cluster NAME] [--profile core|complete]` audits a namespace against the course's production-readiness checklist; `/readiness --demo` audits the demo namespace shipped with the course.";

/** What the code of a ClusterReadError means for someone in chat (the message says the rest). */
const CHAT_HINTS: Partial<Record<ClusterReadError["code"], string>> = {
	"bad-context": "In chat, pick a context with `--cluster NAME`.",
	"namespace-not-found": "Check the spelling of the namespace.",
	timeout: "Try again in a moment.",
};

interface Request {
	namespace?: string;
	cluster?: string;
	profile: Profile;
	demo: boolean;
}

class UsageError extends Error {}

function parse(args: string): Request {
	const request: Request = { profile: "core", demo: false };
	const words = args.split(/\s+/).filter((word) => word !== "");
	for (let i = 0; i < words.length; i++) {
		const word = words[i] as string;
		const eq = word.startsWith("--") ? word.indexOf("=") : -1;
		const flag = eq === -1 ? word : word.slice(0, eq);
		const value = (): string => {
			const given = eq === -1 ? words[++i] : word.slice(eq + 1);
			if (given === undefined || given === "" || given.startsWith("--")) throw new UsageError(`\`${flag}\` needs a value.`);
			return given;
		};
		if (flag === "--demo" && eq === -1) request.demo = true;
		else if (flag === "--cluster") request.cluster = value();
		else if (flag === "--profile") {
			const profile = value();
			if (profile !== "core" && profile !== "complete") throw new UsageError(`\`--profile\` is core or complete, not "${profile}".`);
			request.profile = profile;
		} else if (word.startsWith("-")) throw new UsageError(`I don't know the option \`${word}\`.`);
		else if (request.namespace !== undefined) throw new UsageError("Give one namespace at a time.");
		else request.namespace = word;
	}
	if (request.demo) {
		if (request.namespace !== undefined || request.cluster !== undefined)
			throw new UsageError("`--demo` audits the demo namespace; it takes no namespace and no `--cluster`.");
		return request;
	}
	if (request.namespace === undefined) throw new UsageError("Which namespace?");
	if (!isNamespaceName(request.namespace)) throw new UsageError(`${namespaceNameProblem(request.namespace)}.`);
	return request;
}

/** `*` matches any run of characters; everything else is literal. */
export function namespaceAllowed(namespace: string, patterns: readonly string[]): boolean {
	return matchesAny(namespace, patterns);
}

function isClusterReadError(error: unknown): error is ClusterReadError {
	return error instanceof Error && error.name === "ClusterReadError" && typeof (error as { code?: unknown }).code === "string";
}

const privately = (text: string, header?: string): Reply => ({ ...(header === undefined ? {} : { header }), text, visibility: "private" });

/**
 * The chat report as one channel message: its summary, with the details as a thread under it
 * and the whole per-workload report (the CLI's text) as a file, so that nothing is cut.
 */
function threaded(replies: readonly Reply[], report: ReadinessReport): Reply[] {
	const [summary, ...details] = replies;
	if (summary === undefined) return [];
	const full = { name: `readiness-${report.namespace}.txt`, mediaType: "text/plain", content: reportText(report, { color: false }) };
	return [
		{
			...summary,
			...(details.length > 0 ? { thread: details } : {}),
			files: [{ ...full, title: `Full readiness report of ${report.namespace}` }],
		},
	];
}

/** `/readiness NS [--cluster NAME] [--profile core|complete]` and `/readiness --demo`. */
export function readinessCommand(options: ReadinessCommandOptions = {}): Command {
	const now = options.now ?? (() => new Date());
	const authorization = options.authorization ?? new Authorization({ namespaces: options.namespaces ?? ["*"] });
	const audit: Audit = auditor(options.audit, now, options.logger);
	const metrics = options.metrics ?? noMetrics;
	/** The report's explain buttons carry glossary ids; people read the terms' names. */
	const named = (replies: readonly Reply[]): Reply[] =>
		replies.map((reply) =>
			reply.buttons === undefined
				? reply
				: {
						...reply,
						buttons: reply.buttons.map((button) => {
							const name = button.action === "explain" ? options.termName?.(button.value) : undefined;
							return name === undefined ? button : { ...button, label: `Explain ${name}` };
						}),
					},
		);
	return {
		name: "readiness",
		usage: "/readiness NAMESPACE [--cluster NAME] [--profile core|complete]",
		summary: "audits a namespace against the production-readiness checklist; `/readiness --demo` for the demo namespace",
		async run(args, context) {
			let request: Request;
			try {
				request = parse(args);
			} catch (error) {
				if (!(error instanceof UsageError)) throw error;
				return answerPrivately(`${error.message}\n${USAGE}`);
			}
			const started = performance.now();
			const seconds = () => (performance.now() - started) / 1000;
			/** Runs a read and records its result (audit log, metrics): the report's outcome, or the error's code (then rethrown). */
			const audited = async (
				what: { cluster: string; namespace: string },
				read: () => Promise<{ built: ReadinessReport; replies: Reply[] }>,
			): Promise<Reply[]> => {
				try {
					const { built, replies } = await read();
					metrics.readinessRun(reportExitCode(built) === 0 ? "pass" : "fail", seconds());
					await audit(context, { command: "readiness", ...what, result: "report", outcome: reportOutcome(built.summary) });
					return replies;
				} catch (error) {
					metrics.readinessRun("error", seconds());
					const code = isClusterReadError(error) ? error.code : "internal-error";
					await audit(context, { command: "readiness", ...what, result: "error", outcome: code });
					throw error;
				}
			};
			if (request.demo) {
				const demo = options.demo;
				if (demo === undefined) return answerPrivately("The demo namespace is not available in this bot.");
				// Acknowledged at once; the report follows (chat platforms want an answer within 3 s).
				return {
					replies: [privately("Checking the demo namespace ...")],
					answerFollows: true,
					followUp: async () => {
						const at = now();
						const replies = await audited({ cluster: "demo", namespace: "demo" }, async () => {
							const built = buildReport(await demo(at), { profile: request.profile, now: at });
							return { built, replies: threaded(named(readinessReplies(built)), built) };
						});
						return replies;
					},
				};
			}
			const namespace = request.namespace as string;
			const reader = options.clusterReader;
			if (reader === undefined) {
				return answerPrivately(
					`No cluster is connected to this bot, so I cannot read namespace \`${namespace}\`. To connect one, start the bot with \`KUBECONFIG\` pointing at a kubeconfig file (or with a \`~/.kube/config\`), or run it inside the cluster with a service account bound to the ClusterRole in \`deploy/rbac.yaml\`.${options.demo === undefined ? "" : "\nMeanwhile, `/readiness --demo` audits a demo namespace."}`,
					"No cluster connected",
				);
			}
			const cluster = request.cluster ?? DEFAULT_CLUSTER;
			const decision = authorization.mayRead(context, {
				command: "readiness",
				namespace,
				...(request.cluster === undefined ? {} : { cluster: request.cluster }),
			});
			if (!decision.allowed) {
				await audit(context, { command: "readiness", cluster, namespace, result: "refused", outcome: decision.reason });
				return { replies: [decision.reply] };
			}
			const where = request.cluster === undefined ? "the bot's cluster" : `\`${request.cluster}\``;
			return {
				replies: [privately(`Checking \`${namespace}\` on ${where} ...`)],
				answerFollows: true,
				followUp: async () => {
					try {
						return await audited({ cluster, namespace }, async () => {
							const snapshot = await reader.readNamespace(
								namespace,
								request.cluster === undefined ? undefined : { cluster: request.cluster },
							);
							const built = buildReport(snapshot, { profile: request.profile, now: now() });
							return { built, replies: threaded(named(readinessReplies(built)), built) };
						});
					} catch (error) {
						if (!isClusterReadError(error)) throw error;
						const hint = CHAT_HINTS[error.code];
						return [privately(`${error.message}${hint === undefined ? "" : `\n${hint}`}`, `Could not read namespace ${namespace}`)];
					}
				},
			};
		},
	};
}
