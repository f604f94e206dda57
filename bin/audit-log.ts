// Where the audit log of cluster reads and refusals goes when the bot starts.
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileAuditLog, streamAuditLog } from "../adapters/audit/json-lines-audit-log.ts";
import type { AuditLog } from "../src/ports/audit-log.ts";
import type { CommandIo } from "./command-io.ts";

/** The console's audit log, in its data folder. */
export const CONSOLE_AUDIT_FILE = "audit.jsonl";

/**
 * KUBECOACH_AUDIT_LOG when set; else standard error beside the other log lines, except when the
 * console is the only chat: its terminal is the conversation, so the audit goes to audit.jsonl in
 * the data folder instead of between the replies.
 */
export async function auditLog(
	configured: string | undefined,
	factories: readonly { readonly platform: string }[],
	io: Pick<CommandIo, "cwd" | "stderr">,
	dataDir: string,
): Promise<AuditLog> {
	if (configured !== undefined) return fileAuditLog(resolve(io.cwd, configured));
	if (factories.some((factory) => factory.platform !== "console")) return streamAuditLog(io.stderr);
	await mkdir(dataDir, { recursive: true });
	return fileAuditLog(join(dataDir, CONSOLE_AUDIT_FILE));
}
