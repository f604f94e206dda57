import { auditor } from "../../authorization/audit.ts";
import { Authorization } from "../../authorization/authorization.ts";
import { DEFAULT_CLUSTER } from "../../authorization/policy.ts";
import type { AuditLog } from "../../ports/audit-log.ts";
import type { Logger } from "../../ports/logger.ts";
import type { ObjectReadError, ObjectReader, ObjectRef } from "../../ports/object-reader.ts";
import type { Reply, ReplyButton, ReplyField } from "../../reply.ts";
import type { CommandContext, Handled } from "../../router/command.ts";
import { privately } from "../../router/handled.ts";
import { MORE_ACTION, moreValue } from "../explain-reply.ts";
import type { Explainer } from "../explainer.ts";
import { diagnoseObject, type LiveFinding } from "./diagnose-object.ts";

/**
 * `/explain pod/NAME [-n NS] [--cluster NAME]` and `/explain deployment/NAME ...`: reads that
 * object's live state through the cluster reader, names what is failing now and explains it from
 * the lesson that covers it, with the commands filled in for that object. The same namespace
 * allow-list and cluster choice as `/readiness`; nothing is sent anywhere but the cluster.
 */
export interface LiveExplainOptions {
	readonly reader?: ObjectReader;
	/** Namespaces chat users may read (KUBECOACH_READINESS_NAMESPACES patterns); default all. */
	readonly namespaces?: readonly string[];
	/** Who may read which cluster and namespace (the same policy as `/readiness`); default the allow-list alone. */
	readonly authorization?: Authorization;
	/** Every read and refusal is recorded here. */
	readonly audit?: AuditLog;
	readonly logger?: Logger;
	readonly now?: () => Date;
}

const OBJECT = /^(pods?|po|deployments?|deploy)\/(\S+)$/i;
export const LIVE_USAGE =
	"`/explain pod/NAME [-n NAMESPACE] [--cluster NAME]` or `/explain deployment/NAME [-n NAMESPACE] [--cluster NAME]`";

/** True when the arguments ask about a live object rather than a question. */
export function isLiveRequest(args: string): boolean {
	return OBJECT.test(args.trim().split(/\s+/)[0] ?? "");
}

class UsageError extends Error {}

function parse(args: string): { ref: ObjectRef; cluster?: string } {
	const words = args.trim().split(/\s+/);
	const match = OBJECT.exec(words[0] ?? "");
	if (!match?.[1] || !match[2]) throw new UsageError("Which object?");
	const kind = match[1].toLowerCase().startsWith("deploy") ? "Deployment" : "Pod";
	let namespace = "default";
	let cluster: string | undefined;
	for (let i = 1; i < words.length; i++) {
		const word = words[i] as string;
		const [flag, inline] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, undefined];
		const value = (): string => {
			const given = inline ?? words[++i];
			if (given === undefined || given === "" || given.startsWith("-")) throw new UsageError(`\`${flag}\` needs a value.`);
			return given;
		};
		if (flag === "-n" || flag === "--namespace") namespace = value();
		else if (flag === "--cluster") cluster = value();
		else throw new UsageError(`I don't know \`${word}\` here.`);
	}
	if (!/^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) throw new UsageError(`"${namespace}" is not a namespace name.`);
	if (!/^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(match[2]))
		throw new UsageError(`"${match[2]}" is not a ${kind.toLowerCase()} name.`);
	return { ref: { kind, namespace, name: match[2] }, ...(cluster === undefined ? {} : { cluster }) };
}

const privateReply = (text: string, header?: string): Reply => ({
	...(header === undefined ? {} : { header }),
	text,
	visibility: "private",
});

/**
 * Usage, a missing cluster and a closed namespace are answered at once; the read itself is the
 * follow-up, after a "Reading ..." acknowledgement, as a slow API server may take seconds.
 */
export async function explainLive(
	args: string,
	explainer: Explainer,
	options: LiveExplainOptions,
	context: CommandContext,
): Promise<Handled> {
	let request: { ref: ObjectRef; cluster?: string };
	try {
		request = parse(args);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		return privately(`${error.message}\nUsage: ${LIVE_USAGE}`);
	}
	const { ref } = request;
	const label = `${ref.kind === "Pod" ? "pod" : "deployment"}/${ref.name}`;
	const reader = options.reader;
	if (!reader) {
		return privately(
			`No cluster is connected to this bot, so I cannot read ${label}. Start the bot with \`KUBECONFIG\` pointing at a kubeconfig (or with a \`~/.kube/config\`), or run it in the cluster with the service account of \`deploy/rbac.yaml\` and \`deploy/rbac-explain.yaml\`. Meanwhile, paste the error and ask \`/explain\` about it.`,
			"No cluster connected",
		);
	}
	const now = options.now ?? (() => new Date());
	const authorization = options.authorization ?? new Authorization({ namespaces: options.namespaces ?? ["*"] });
	const audit = auditor(options.audit, now, options.logger);
	const what = { command: "explain", cluster: request.cluster ?? DEFAULT_CLUSTER, namespace: ref.namespace, object: label } as const;
	const decision = authorization.mayRead(context, {
		command: "explain",
		namespace: ref.namespace,
		...(request.cluster === undefined ? {} : { cluster: request.cluster }),
	});
	if (!decision.allowed) {
		await audit(context, { ...what, result: "refused", outcome: decision.reason });
		return { replies: [decision.reply] };
	}
	return {
		replies: [privateReply(`Reading \`${label}\` in \`${ref.namespace}\`${request.cluster ? ` on ${request.cluster}` : ""} ...`)],
		followUp: async () => {
			try {
				const live = await reader.readObject(ref, request.cluster === undefined ? undefined : { cluster: request.cluster });
				const diagnosis = diagnoseObject(live, now());
				await audit(context, { ...what, result: "report", outcome: diagnosis.findings[0]?.problem ?? "nothing failing now" });
				return [liveReply(label, ref, diagnosis.summary, diagnosis.findings, explainer, live.source)];
			} catch (error) {
				await audit(context, { ...what, result: "error", outcome: isObjectReadError(error) ? error.code : "internal-error" });
				if (!isObjectReadError(error)) throw error;
				return [privateReply(error.message, `Could not read ${label} in ${ref.namespace}`)];
			}
		},
	};
}

function isObjectReadError(error: unknown): error is ObjectReadError {
	return error instanceof Error && error.name === "ObjectReadError" && typeof (error as { code?: unknown }).code === "string";
}

function liveReply(
	label: string,
	ref: ObjectRef,
	summary: string,
	findings: readonly LiveFinding[],
	explainer: Explainer,
	source: string,
): Reply {
	const header = `${label} in ${ref.namespace}: ${findings[0]?.problem ?? "nothing failing now"}`;
	const first = findings[0];
	if (!first)
		return {
			header,
			text: `${summary}; no container is waiting, crashing or failing a probe, and no recent warning event explains a problem.`,
			footer: `Read from ${source}`,
		};
	const names = {
		namespace: ref.namespace,
		...(first.pod ? { pod: first.pod } : {}),
		...(ref.kind === "Deployment" ? { deployment: ref.name } : {}),
		...(first.container ? { container: first.container } : {}),
	};
	const lesson = explainer.explainTerm(first.term, names);
	const fields: ReplyField[] = [
		{
			label: "Now",
			value: findings
				.slice(0, 4)
				.map((f) => `• *${f.problem}*${f.container ? ` (${f.container})` : ""}: ${f.detail}`)
				.join("\n"),
		},
	];
	if (lesson?.lead?.run.length)
		fields.push({ label: "Run first", value: lesson.lead.run.map((d) => `\`${d.command}\` — ${d.purpose}`).join("\n") });
	if (lesson?.fix?.length)
		fields.push({
			label: "Fix",
			value: lesson.fix
				.slice(0, 2)
				.map((step) => `• ${step}`)
				.join("\n"),
		});
	const buttons: ReplyButton[] = lesson?.term
		? [
				{ action: "quiz", label: "Quiz me on this", value: lesson.term, style: "primary" },
				{ action: MORE_ACTION, label: "More: the full lesson", value: moreValue(lesson.term, names) },
			]
		: [];
	for (const other of findings.slice(1)) {
		if (other.term !== first.term && !buttons.some((b) => b.value === other.term))
			buttons.push({ action: "explain", label: `Explain ${other.problem}`, value: other.term });
	}
	return {
		header,
		text: lesson ? `${summary}. ${lesson.definition ?? lesson.text}` : summary,
		fields,
		buttons: buttons.slice(0, 5),
		footer: `${lesson ? `From Episode ${lesson.episode}${lesson.episodeTitle ? `: ${lesson.episodeTitle}` : ""} · ` : ""}Read from ${source}`,
	};
}
