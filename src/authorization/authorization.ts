/**
 * Who may do what, on the stable ids of the CommandContext: reading a cluster (`/readiness`,
 * `/explain pod/NAME`), changing a channel's course, seeing what managers see. Without a policy
 * the bot behaves as before it had one: any cluster, the namespace allow-list, the admins list.
 * With a policy, reading is denied unless a grant allows it.
 */
import { namedIn } from "../chat/chat-ids.ts";
import type { ChannelSettings } from "../ports/store.ts";
import type { Reply } from "../reply.ts";
import type { CommandContext } from "../router/command.ts";
import { DEFAULT_CLUSTER, matchesAny, type Policy } from "./policy.ts";

type Who = Pick<CommandContext, "userId" | "groups">;

export interface AuthorizationSettings {
	/** Ids that may change any channel's course (KUBECOACH_ADMINS, and the console's operator). */
	readonly admins?: readonly string[];
	/** Ids of managers (KUBECOACH_MANAGERS): a user or one of their groups. */
	readonly managers?: readonly string[];
	/** The namespace allow-list (KUBECOACH_READINESS_NAMESPACES); it bounds every read, policy or not. */
	readonly namespaces?: readonly string[];
	readonly policy?: Policy;
}

/** A read of the cluster someone asked for. */
export interface ReadRequest {
	readonly command: "readiness" | "explain";
	/** The kubeconfig context of `--cluster`; none: the bot's own cluster. */
	readonly cluster?: string;
	readonly namespace: string;
}

export type Decision =
	| { readonly allowed: true }
	| { readonly allowed: false; readonly reason: "namespace-not-allowed" | "policy"; readonly reply: Reply };

const code = (text: string) => `\`${text}\``;

export class Authorization {
	readonly #admins: readonly string[];
	readonly #managers: readonly string[];
	readonly #namespaces: readonly string[];
	readonly #policy: Policy | undefined;

	constructor(settings: AuthorizationSettings = {}) {
		this.#admins = settings.admins ?? [];
		this.#managers = settings.managers ?? [];
		this.#namespaces = settings.namespaces ?? ["*"];
		this.#policy = settings.policy;
	}

	/** The namespace allow-list, for suggestions. */
	get namespaces(): readonly string[] {
		return this.#namespaces;
	}

	/** Whether `context` may read `request.namespace` on `request.cluster` from its channel. */
	mayRead(context: CommandContext, request: ReadRequest): Decision {
		if (!matchesAny(request.namespace, this.#namespaces)) {
			const list = this.#namespaces.map(code).join(", ");
			const text =
				request.command === "readiness"
					? `Namespace ${code(request.namespace)} is not open to \`/readiness\` here. This bot audits only: ${list} (set by its operator in \`KUBECOACH_READINESS_NAMESPACES\`).`
					: `Namespace ${code(request.namespace)} is not open to this bot here; it reads only ${list} (set by its operator in \`KUBECOACH_READINESS_NAMESPACES\`).`;
			return { allowed: false, reason: "namespace-not-allowed", reply: { header: "Namespace not allowed", text, visibility: "private" } };
		}
		const policy = this.#policy;
		if (policy === undefined) return { allowed: true };
		const cluster = request.cluster ?? DEFAULT_CLUSTER;
		const granted = policy.readiness.some(
			(grant) =>
				grant.who.some((pattern) => [context.userId, ...context.groups].some((id) => matchesAny(id, [pattern]))) &&
				(grant.channels === undefined || matchesAny(context.channelId, grant.channels)) &&
				matchesAny(cluster, grant.clusters) &&
				matchesAny(request.namespace, grant.namespaces),
		);
		if (granted) return { allowed: true };
		const what = request.command === "readiness" ? "`/readiness`" : "`/explain` on live objects";
		const where = request.cluster === undefined ? "the bot's cluster" : `cluster ${code(request.cluster)}`;
		return {
			allowed: false,
			reason: "policy",
			reply: {
				header: "Not allowed",
				text: `Sorry, you may not use ${what} on namespace ${code(request.namespace)} of ${where} from this channel. If you need it, ask ${this.#whomToAsk()}.`,
				visibility: "private",
			},
		};
	}

	/** True when a configured admin or one of the channel's course admins names the user or one of their groups. */
	mayChangeCourse(context: Who, channel: ChannelSettings | null): boolean {
		return namedIn(this.#admins, context) || namedIn(channel?.admins ?? [], context);
	}

	/** The refusal names who may, so that the learner knows whom to ask. */
	courseRefusal(channel: ChannelSettings | null): Reply {
		const who = [
			this.#admins.length > 0 ? `the bot's admins (${this.#admins.join(", ")})` : "",
			channel && channel.admins.length > 0 ? `this channel's course admins (${channel.admins.join(", ")})` : "",
		].filter((s) => s !== "");
		const list = who.length > 0 ? who.join(" and ") : "nobody yet: the bot has no admins configured (KUBECOACH_ADMINS)";
		return {
			text: `Only admins may change this channel's course. Who may: ${list}. Anyone may use \`/course status\`.`,
			visibility: "private",
		};
	}

	/** A manager: the managers list names the user or one of their groups (Slack user groups, Discord roles). */
	isManager(context: Who): boolean {
		return namedIn(this.#managers, context);
	}

	#whomToAsk(): string {
		if (this.#policy?.contact !== undefined) return this.#policy.contact;
		if (this.#admins.length > 0) return `the bot's admins (${this.#admins.join(", ")})`;
		return "the bot's operator";
	}
}
