import { ACCESS_CHECKS } from "./checks-access.ts";
import { PLATFORM_CHECKS } from "./checks-platform.ts";
import { WORKLOAD_CHECKS } from "./checks-workload.ts";
import type { CheckDefinition } from "./types.ts";

/**
 * The checks, as data. Evaluators live beside them, one file per item; a test makes sure every
 * check here has an evaluator and every evaluator a check. Episode and glossary ids come from the
 * course pack, so each finding links to `/explain <term>`.
 */
export const CHECKS: readonly CheckDefinition[] = [...WORKLOAD_CHECKS, ...ACCESS_CHECKS, ...PLATFORM_CHECKS];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function checkById(id: string): CheckDefinition {
	const check = BY_ID.get(id);
	if (check === undefined) throw new Error(`readiness/unknown-check: no check with id "${id}"`);
	return check;
}
