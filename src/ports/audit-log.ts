/**
 * The audit log: every read of a cluster asked from chat (`/readiness`, `/explain pod/NAME`) and
 * every refusal, one entry each. Entries carry ids, never secrets or message text.
 */
export interface AuditEntry {
	/** ISO time. */
	readonly time: string;
	readonly platform: string;
	readonly workspaceId: string;
	readonly channelId: string;
	readonly userId: string;
	readonly command: "readiness" | "explain";
	/** The kubeconfig context asked for; `default` the bot's own cluster; `demo` the demo namespace. */
	readonly cluster: string;
	readonly namespace: string;
	/** `/explain`: the object read, `pod/NAME` or `deployment/NAME`. */
	readonly object?: string;
	readonly result: "report" | "refused" | "error";
	/** A report: `pass` or `fail` with its counts; a refusal: why; an error: its code. */
	readonly outcome: string;
}

export interface AuditLog {
	/** Resolves once the entry is written; rejects when it cannot be (the caller logs that). */
	record(entry: AuditEntry): Promise<void>;
}
