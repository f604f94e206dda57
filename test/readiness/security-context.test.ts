import { describe, expect, it } from "vitest";
import { effectiveSecurity, rootVerdict } from "../../src/readiness/checks/security-context.ts";
import type { ContainerView, PodSpec } from "../../src/readiness/checks/types.ts";

const view = (securityContext: object = {}): ContainerView => ({ name: "app", cls: "regular", spec: { name: "app", securityContext } });

describe("securityContext resolution", () => {
	it("takes each field from the container when set there, else from the pod", () => {
		const pod: PodSpec = { securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 3000 } };
		expect(effectiveSecurity(pod, view({ runAsUser: 2000 }))).toMatchObject({ runAsNonRoot: true, runAsUser: 2000, runAsGroup: 3000 });
		// An explicit false on the container overrides the pod's true, field by field; the uid stays inherited.
		expect(effectiveSecurity(pod, view({ runAsNonRoot: false }))).toMatchObject({ runAsNonRoot: false, runAsUser: 1000 });
		expect(effectiveSecurity({}, view({ capabilities: { add: ["cap_sys_admin", "NET_BIND_SERVICE"] } })).capabilitiesAdded).toEqual([
			"SYS_ADMIN",
			"NET_BIND_SERVICE",
		]);
	});

	it("verifies non-root only from what the API can see", () => {
		expect(rootVerdict({ runAsUser: 1000, capabilitiesAdded: [] }).level).toBe("pass");
		expect(rootVerdict({ runAsNonRoot: true, capabilitiesAdded: [] }).level).toBe("pass");
		expect(rootVerdict({ runAsNonRoot: false, runAsUser: 1000, capabilitiesAdded: [] }).level).toBe("pass");
		expect(rootVerdict({ runAsUser: 0, capabilitiesAdded: [] }).level).toBe("fail");
		expect(rootVerdict({ runAsNonRoot: true, runAsUser: 0, capabilitiesAdded: [] })).toMatchObject({
			level: "fail",
			why: expect.stringContaining("refuses"),
		});
		expect(rootVerdict({ capabilitiesAdded: [] }).level).toBe("warn");
		// runAsNonRoot: false with no non-root uid states root outright: a fail, not a shrug.
		expect(rootVerdict({ runAsNonRoot: false, capabilitiesAdded: [] }).level).toBe("fail");
	});
});
