// The audit log as JSON lines: appended to a file (KUBECOACH_AUDIT_LOG) or written to a stream (standard error).
import { appendFile } from "node:fs/promises";
import type { AuditEntry, AuditLog } from "../../src/ports/audit-log.ts";

/** One JSON object a line; `kind: "audit"` tells the lines apart on a shared stream. */
const line = (entry: AuditEntry): string => `${JSON.stringify({ kind: "audit", ...entry })}\n`;

/** Appends each entry to `path` (created when missing); lines from several processes do not interleave (one write each). */
export function fileAuditLog(path: string): AuditLog {
	let last: Promise<void> = Promise.resolve();
	return {
		record(entry) {
			// In order: each append waits for the one before.
			const next = last.then(() => appendFile(path, line(entry), { encoding: "utf8", mode: 0o640 }));
			last = next.catch(() => {});
			return next;
		},
	};
}

/** Writes each entry to a stream (standard error, beside the other log lines). */
export function streamAuditLog(stream: { write(text: string): unknown }): AuditLog {
	return {
		async record(entry) {
			stream.write(line(entry));
		},
	};
}
