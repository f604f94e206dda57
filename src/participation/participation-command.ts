/**
 * `/participation [#channel|all] [period] [export]`: the participation report, privately, for
 * managers only (managers.ts). Default: this channel, the last 4 weeks. `all`: every channel of
 * this workspace. A period is a number of weeks ("8w", "8 weeks"). `export` attaches the CSV.
 */
import type { ParticipationScope } from "../ports/store.ts";
import { codeSpan, escapeMarkup } from "../reply/markup.ts";
import type { Command, CommandContext, Handled } from "../router/command.ts";
import { answered, privately } from "../router/handled.ts";
import type { Study } from "../study/study-options.ts";
import { managersOnly } from "./managers.ts";
import { buildReport, lastWeeks, reportReplies } from "./report.ts";

const USAGE = "`/participation [#channel|all] [weeks, such as 4w] [export]`";
const MAX_WEEKS = 52;

interface Request {
	readonly scope: ParticipationScope;
	readonly label: string;
	readonly weeks: number;
	readonly export: boolean;
}

/** The arguments, or the one line that says what was wrong. */
export function parseParticipationArgs(args: string, context: CommandContext): Request | string {
	let scope: ParticipationScope = { channelId: context.channelId };
	let label = "this channel";
	let weeks = 4;
	let exportCsv = false;
	const tokens = args
		.trim()
		.replace(/(\d+)\s+weeks?\b/gi, "$1w")
		.split(/\s+/)
		.filter(Boolean);
	for (const token of tokens) {
		const lower = token.toLowerCase();
		const mention = /^<#([^|>\s]+)(\|[^>]*)?>$/.exec(token) ?? /^#([^\s:]+)$/.exec(token);
		const period = /^(\d+)w$/i.exec(token);
		if (lower === "export") exportCsv = true;
		else if (lower === "all") {
			scope = { workspaceId: context.workspaceId };
			label = "every channel of this workspace";
		} else if (period) {
			weeks = Number(period[1]);
			if (weeks < 1 || weeks > MAX_WEEKS) return `A period is 1 to ${MAX_WEEKS} weeks, such as \`4w\`; got ${codeSpan(token)}.`;
		} else if (mention) {
			const channelId = `${context.workspaceId}:${mention[1]}`;
			scope = { channelId };
			label = mention[2] ? `#${mention[2].slice(1)}` : channelId;
		} else if (token.startsWith(`${context.workspaceId}:`) && !/\s/.test(token)) {
			scope = { channelId: token };
			label = token;
		} else return `I do not understand ${codeSpan(token)}. Usage: ${USAGE}.`;
	}
	return { scope, label, weeks, export: exportCsv };
}

/** `isManager`: who sees reports, the core's Authorization.isManager (KUBECOACH_MANAGERS, the console's operator). */
export function participationCommand(study: Study, isManager: (context: CommandContext) => boolean): Command {
	const { options } = study;
	return {
		name: "participation",
		usage: "/participation [#channel|all] [period] [export]",
		summary: `managers only, privately: who takes part per week, learner and concept, with a chart; \`export\` adds a CSV. Rows per learner are ${
			options.participationPerPerson
				? "on (the default); KUBECOACH_PARTICIPATION_PER_PERSON=off hides them"
				: "off (KUBECOACH_PARTICIPATION_PER_PERSON=off)"
		}`,
		async run(args, context): Promise<Handled> {
			// Before anything is read: a non-manager learns nothing of the data, not even whether there is any.
			if (!isManager(context)) return answered(managersOnly(options.managers));
			const request = parseParticipationArgs(args, context);
			if (typeof request === "string") return privately(request);
			const timeZone = options.managersTimeZone ?? options.defaultTimeZone;
			const now = study.clock.now();
			return {
				replies: [
					{
						text: `Counting participation in ${escapeMarkup(request.label)} over the last ${request.weeks} weeks ...`,
						visibility: "private",
					},
				],
				answerFollows: true,
				followUp: async () => {
					const report = await buildReport(study.store, study.course, {
						scope: request.scope,
						label: request.label,
						range: lastWeeks(now, request.weeks, timeZone),
						weeksAsked: request.weeks,
						defaultTimeZone: options.defaultTimeZone,
						now,
						recallReachMs: Math.max(0, ...study.options.recallOffsetsMs),
						withRows: request.export,
					});
					return reportReplies(report, {
						perPerson: options.participationPerPerson,
						timeZone,
						visibility: "private",
						export: request.export,
					});
				},
			};
		},
	};
}
