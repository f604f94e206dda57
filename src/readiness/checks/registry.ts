import { completeEvaluators } from "./complete.ts";
import { healthEvaluators } from "./health.ts";
import { observabilityEvaluators } from "./observability.ts";
import type { Evaluator } from "./outcome.ts";
import { rbacEvaluators } from "./rbac.ts";
import { replicaEvaluators } from "./replicas.ts";
import { resourceEvaluators } from "./resources.ts";
import { securityEvaluators } from "./security.ts";
import type { CheckDefinition } from "./types.ts";

/** Every evaluator by check id; a test holds this and CHECKS in step. */
export const EVALUATORS: Readonly<Record<string, Evaluator>> = {
	...resourceEvaluators,
	...healthEvaluators,
	...rbacEvaluators,
	...replicaEvaluators,
	...observabilityEvaluators,
	...securityEvaluators,
	...completeEvaluators,
};

export function evaluatorFor(check: CheckDefinition): Evaluator {
	const evaluator = EVALUATORS[check.id];
	if (evaluator === undefined) throw new Error(`readiness/no-evaluator: check ${check.id} has no evaluator`);
	return evaluator;
}
