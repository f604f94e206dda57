import type { SnapshotKind } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import type { CheckDefinition, Finding, FindingLevel, ObjectRef, Workload } from "./types.ts";

/** What an evaluator returns: `n/a` when the check does not apply, else its findings (none = pass). */
export type Outcome = "n/a" | readonly Finding[];

export type Evaluator = (workload: Workload, context: EvaluationContext, check: CheckDefinition) => Outcome;

const SEE_MORE = "Give kubecoach read access to what it could not list, or add those manifests with --file.";

export function finding(
	check: CheckDefinition,
	level: FindingLevel,
	message: string,
	extra: { readonly container?: string; readonly object?: ObjectRef; readonly fix?: string } = {},
): Finding {
	const made: { -readonly [K in keyof Finding]: Finding[K] } = {
		check: check.id,
		level,
		message,
		term: check.term,
		episode: check.episode,
	};
	const fix = extra.fix ?? (level === "fail" || level === "warn" ? check.fix : level === "unknown" ? SEE_MORE : undefined);
	if (fix !== undefined) made.fix = fix;
	if (extra.container !== undefined) made.container = extra.container;
	if (extra.object !== undefined) made.object = extra.object;
	return made;
}

/**
 * Why a kind cannot be relied on, or undefined when it was listed (or is absent, which is a
 * fact: no CRD means none exist). Files that do not include a kind make no claim about it, so
 * checks that need it say `unknown` and name the kind to add with --file.
 */
export function unseen(context: EvaluationContext, kind: SnapshotKind): string | undefined {
	const list = context.list(kind);
	switch (list.state) {
		case "listed":
		case "absent":
			return undefined;
		case "not-provided":
			return `no ${kind} objects were in the files given, so ones that exist in the cluster are not seen (add them with --file)`;
		case "forbidden":
			return `listing ${kind} was refused${list.reason === undefined ? "" : `: ${list.reason}`}`;
		case "error":
			return `listing ${kind} failed${list.reason === undefined ? "" : `: ${list.reason}`}`;
	}
}

/** One unknown finding per kind that could not be seen. */
export function unknownFor(
	check: CheckDefinition,
	context: EvaluationContext,
	kinds: readonly SnapshotKind[],
	consequence: string,
): Finding[] {
	const findings: Finding[] = [];
	for (const kind of kinds) {
		const why = unseen(context, kind);
		if (why !== undefined) {
			findings.push(
				finding(check, "unknown", `${consequence}: ${why}.`, {
					fix: `Grant the reader get/list on ${kind}, or include them in the files.`,
				}),
			);
		}
	}
	return findings;
}

/** Computes a namespace-wide value once per evaluation (quotas, policy engines, report indexes). */
export function once<T>(context: EvaluationContext, key: string, compute: () => T): T {
	const cache = context.cache;
	const cached = cache.get(key);
	if (cached !== undefined || cache.has(key)) return cached as T;
	const value = compute();
	cache.set(key, value);
	return value;
}

export function refOf(object: { readonly kind: string; readonly metadata: { readonly name: string } }): ObjectRef {
	return { kind: object.kind, name: object.metadata.name };
}
