/**
 * Kubernetes label selectors, as the API server evaluates them: matchLabels AND every
 * matchExpression. What an empty or missing selector means differs by kind, so the caller says.
 */

export interface LabelSelector {
	readonly matchLabels?: Readonly<Record<string, string>>;
	readonly matchExpressions?: readonly {
		readonly key: string;
		readonly operator: string;
		readonly values?: readonly string[];
	}[];
}

type Labels = Readonly<Record<string, string>>;

/**
 * `emptyMeans` is what a selector with no terms selects: `all` for policy/v1 PDBs, NetworkPolicy
 * podSelector, ServiceMonitor/PodMonitor; `none` for policy/v1beta1 PDBs. A missing (null)
 * selector is passed as `undefined` and selects nothing.
 */
export function matchesSelector(selector: LabelSelector | undefined | null, labels: Labels, emptyMeans: "all" | "none"): boolean {
	if (selector === undefined || selector === null) return false;
	if (isEmptySelector(selector)) return emptyMeans === "all";
	const required = selector.matchLabels;
	if (required !== undefined) {
		for (const key in required) if (labels[key] !== required[key]) return false;
	}
	const expressions = selector.matchExpressions;
	if (expressions !== undefined) {
		for (const expression of expressions) if (!matchesExpression(expression, labels)) return false;
	}
	return true;
}

export function isEmptySelector(selector: LabelSelector): boolean {
	if ((selector.matchExpressions?.length ?? 0) > 0) return false;
	for (const _ in selector.matchLabels) return false;
	return true;
}

function matchesExpression(
	expression: { readonly key: string; readonly operator: string; readonly values?: readonly string[] },
	labels: Labels,
): boolean {
	const has = Object.hasOwn(labels, expression.key);
	const value = labels[expression.key];
	const values = expression.values ?? [];
	switch (expression.operator) {
		case "In":
			return has && value !== undefined && values.includes(value);
		case "NotIn":
			// As in apimachinery: a pod without the key is not "in" the set, so NotIn matches it.
			return !has || value === undefined || !values.includes(value);
		case "Exists":
			return has;
		case "DoesNotExist":
			return !has;
		default:
			// The API rejects other operators; an object carrying one selects nothing.
			return false;
	}
}

/**
 * A Service's selector is a plain map. A Service without one (or with `{}`) has manually managed
 * endpoints and selects no pods.
 */
export function serviceSelects(selector: Labels | undefined, labels: Labels): boolean {
	if (selector === undefined || Object.keys(selector).length === 0) return false;
	return matchesSelector({ matchLabels: selector }, labels, "none");
}

/** `key=value` pairs a selector requires, used to narrow candidates through a label index. */
export function requiredPairs(selector: LabelSelector): string[] {
	const pairs = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
	for (const expression of selector.matchExpressions ?? []) {
		if (expression.operator === "In" && expression.values?.length === 1) {
			pairs.push(`${expression.key}=${expression.values[0]}`);
		}
	}
	return pairs;
}
