import type { SnapshotKind } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import type { CheckDefinition, Finding, FindingLevel, ObjectRef, Workload } from "./types.ts";

/**
 * What an evaluator returns: `n/a` when the check does not apply, `NotApplicable` when it does not
 * apply and the reader should know why (evidence a manifest cannot carry), else its findings
 * (none = pass).
 */
export type Outcome = "n/a" | NotApplicable | readonly Finding[];

export interface NotApplicable {
	/** A note saying why the check could not apply here. */
	readonly notApplicable: Finding;
}

export type Evaluator = (workload: Workload, context: EvaluationContext, check: CheckDefinition) => Outcome;

export function notApplicable(check: CheckDefinition, why: string, fix?: string): NotApplicable {
	return { notApplicable: finding(check, "note", why, fix === undefined ? {} : { fix }) };
}

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
	const fix = extra.fix ?? (level === "fail" || level === "warn" ? check.fix : undefined);
	if (fix !== undefined) made.fix = fix;
	if (extra.container !== undefined) made.container = extra.container;
	if (extra.object !== undefined) made.object = extra.object;
	return made;
}

/**
 * Why a kind cannot be relied on, or undefined when its list is all there is (listed, or absent:
 * no CRD means none exist). Checks that need an unseen kind say `unknown` with this reason.
 */
export function unseen(context: EvaluationContext, kind: SnapshotKind): string | undefined {
	const list = context.list(kind);
	const because = list.reason === undefined ? "" : `: ${list.reason}`;
	switch (list.state) {
		case "listed":
		case "absent":
			return undefined;
		case "not-in-files":
			return `the files hold no ${kind} and were read with --partial, so ones that exist elsewhere are not seen`;
		case "live-only":
			return `${kind} objects exist only in a running cluster`;
		case "forbidden":
			return `listing ${kind} was refused${because}`;
		case "error":
			return `listing ${kind} failed${because}`;
	}
}

/** What to do about an unseen kind, in the words of the mode the report was made in. */
export function blindFix(context: EvaluationContext, kind: SnapshotKind): string {
	if (context.snapshot.origin === "files") {
		return `Add the ${kind} objects to the files, or leave out --partial to judge the files as the whole desired state.`;
	}
	return `Let kubecoach list ${kind} in this namespace (deploy/rbac.yaml has the rule), or audit the manifests with --file.`;
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
