/** Writes audit entries for the commands that read a cluster; a failed write is logged, never the command's failure. */
import type { AuditEntry, AuditLog } from "../ports/audit-log.ts";
import type { Logger } from "../ports/logger.ts";
import type { CommandContext } from "../router/command.ts";

export type Audited = Omit<AuditEntry, "time" | "platform" | "workspaceId" | "channelId" | "userId">;

export type Audit = (context: CommandContext, what: Audited) => Promise<void>;

export function auditor(log: AuditLog | undefined, now: () => Date, logger?: Logger): Audit {
	return async (context, what) => {
		if (log === undefined) return;
		const entry: AuditEntry = {
			time: now().toISOString(),
			platform: context.platform,
			workspaceId: context.workspaceId,
			channelId: context.channelId,
			userId: context.userId,
			...what,
		};
		try {
			await log.record(entry);
		} catch (error) {
			logger?.error(
				`audit log: could not record a ${what.command} ${what.result} (${error instanceof Error ? error.message : String(error)})`,
			);
		}
	};
}

/** A report's outcome in one word and its counts: `pass 10/10 workloads` or `fail 4/10 workloads pass`. */
export function reportOutcome(summary: { readonly workloads: number; readonly passing: number; readonly failing: number }): string {
	return `${summary.failing > 0 ? "fail" : "pass"}: ${summary.passing} of ${summary.workloads} workloads pass`;
}
