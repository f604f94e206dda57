/**
 * The authorization policy (the configuration file's `policy`): who may read which clusters and
 * namespaces from which channels. Ids are the chat ids of src/chat/chat-ids.ts; `*` in an id, a
 * cluster or a namespace matches any run of characters.
 */
import { z } from "zod";

/** The cluster the bot reads when no `--cluster` is given (its kubeconfig's current context, or in-cluster). */
export const DEFAULT_CLUSTER = "default";

const idPattern = z
	.string({ error: "a chat id or pattern in quotes, such as 'slack:T0123:U0456', 'slack:T0123:S0ABC' or 'discord:81384:role:4242'" })
	.regex(
		/^(\*|(console|slack|discord)(:[^\s:]+)*)$/,
		"a chat id or pattern such as 'slack:T0123:U0456', 'slack:T0123:*', 'discord:81384:role:4242' or '*' (everyone)",
	);
const clusterPattern = z
	.string({ error: "a kubeconfig context name or pattern" })
	.regex(/^[^\s]{1,253}$/, `a kubeconfig context name or pattern without spaces ("${DEFAULT_CLUSTER}" is the bot's own cluster)`);
const namespacePattern = z
	.string({ error: "a namespace name or pattern" })
	.regex(/^[-a-z0-9*]{1,63}$/, 'a namespace name or pattern such as "payments" or "team-*" (lower case, digits, "-", "*")');

const grant = z.strictObject({
	/** Users or groups (Slack user groups, Discord roles) the grant is for. */
	who: z.array(idPattern, { error: "a list of chat ids" }).min(1, "at least one user or group id"),
	/** Channels the command may be run from; absent: any channel. */
	channels: z.array(idPattern, { error: "a list of channel ids" }).min(1, "at least one channel id, or leave `channels` out").optional(),
	/** Kubeconfig contexts; `default` is the bot's own cluster (no `--cluster`). */
	clusters: z.array(clusterPattern, { error: "a list of kubeconfig contexts" }).min(1, "at least one cluster"),
	namespaces: z.array(namespacePattern, { error: "a list of namespaces" }).min(1, "at least one namespace or pattern"),
});

export const policySchema = z.strictObject({
	/** Whom a refusal tells the person to ask (a channel, a team); default the bot's admins. */
	contact: z.string({ error: 'a short text such as "#platform-help"' }).min(1).optional(),
	/** Grants for `/readiness` and `/explain pod/NAME`; nothing else is allowed once a policy is set. */
	readiness: z.array(grant, { error: "a list of grants (who, channels, clusters, namespaces)" }).default([]),
});

export type Policy = z.infer<typeof policySchema>;
export type Grant = Policy["readiness"][number];

/** `*` matches any run of characters; everything else is literal. */
export function matchesPattern(value: string, pattern: string): boolean {
	const source = pattern
		.split("*")
		.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
		.join(".*");
	return new RegExp(`^${source}$`).test(value);
}

export const matchesAny = (value: string, patterns: readonly string[]): boolean =>
	patterns.some((pattern) => matchesPattern(value, pattern));
