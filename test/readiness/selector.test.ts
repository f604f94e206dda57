import { describe, expect, it } from "vitest";
import { matchesSelector, requiredPairs, serviceSelects } from "../../src/readiness/checks/selector.ts";

const pod = { app: "api", tier: "backend", track: "stable" };

describe("label selectors", () => {
	it("requires every matchLabels pair and every expression (AND, not OR)", () => {
		expect(matchesSelector({ matchLabels: { app: "api", tier: "backend" } }, pod, "none")).toBe(true);
		expect(matchesSelector({ matchLabels: { app: "web", tier: "backend" } }, pod, "none")).toBe(false);
		expect(
			matchesSelector(
				{ matchLabels: { app: "api" }, matchExpressions: [{ key: "track", operator: "In", values: ["canary"] }] },
				pod,
				"none",
			),
		).toBe(false);
	});

	it("evaluates In, NotIn, Exists and DoesNotExist as apimachinery does", () => {
		expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "In", values: ["api", "web"] }] }, pod, "none")).toBe(true);
		expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["api"] }] }, pod, "none")).toBe(false);
		// NotIn matches a pod that lacks the key altogether.
		expect(matchesSelector({ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["a"] }] }, pod, "none")).toBe(true);
		expect(matchesSelector({ matchExpressions: [{ key: "tier", operator: "Exists" }] }, pod, "none")).toBe(true);
		expect(matchesSelector({ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, pod, "none")).toBe(false);
		expect(matchesSelector({ matchExpressions: [{ key: "zone", operator: "DoesNotExist" }] }, pod, "none")).toBe(true);
		expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "Gt", values: ["1"] }] }, pod, "all")).toBe(false);
	});

	it("lets the caller say what an empty selector means, and a missing one selects nothing", () => {
		expect(matchesSelector({}, pod, "all")).toBe(true);
		expect(matchesSelector({ matchLabels: {}, matchExpressions: [] }, pod, "none")).toBe(false);
		expect(matchesSelector(undefined, pod, "all")).toBe(false);
		expect(matchesSelector(null, pod, "all")).toBe(false);
	});

	it("treats a Service without selector as selecting no pods", () => {
		expect(serviceSelects(undefined, pod)).toBe(false);
		expect(serviceSelects({}, pod)).toBe(false);
		expect(serviceSelects({ app: "api" }, pod)).toBe(true);
		expect(serviceSelects({ app: "api", tier: "frontend" }, pod)).toBe(false);
	});

	it("gives index keys only for pairs a match must carry", () => {
		expect(
			requiredPairs({
				matchLabels: { app: "api" },
				matchExpressions: [
					{ key: "t", operator: "In", values: ["x"] },
					{ key: "u", operator: "In", values: ["x", "y"] },
				],
			}),
		).toEqual(["app=api", "t=x"]);
	});
});
