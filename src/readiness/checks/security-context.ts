import type { ContainerSecurityContext, ContainerView, PodSpec } from "./types.ts";

/**
 * The securityContext a container really runs with: each field from the container when set
 * there, else from the pod. Resolved field by field (a container's runAsNonRoot: false does not
 * erase the pod's runAsUser: 1000).
 */
export interface EffectiveSecurity {
	readonly runAsNonRoot?: boolean;
	readonly runAsUser?: number;
	readonly runAsGroup?: number;
	readonly privileged?: boolean;
	readonly allowPrivilegeEscalation?: boolean;
	readonly capabilitiesAdded: readonly string[];
}

export function effectiveSecurity(pod: PodSpec, view: ContainerView): EffectiveSecurity {
	const c: ContainerSecurityContext = view.spec.securityContext ?? {};
	const p = pod.securityContext ?? {};
	const pick = <T>(own: T | undefined, inherited: T | undefined) => (own !== undefined ? own : inherited);
	const runAsNonRoot = pick(c.runAsNonRoot, p.runAsNonRoot);
	const runAsUser = pick(c.runAsUser, p.runAsUser);
	const runAsGroup = pick(c.runAsGroup, p.runAsGroup);
	return {
		...(runAsNonRoot === undefined ? {} : { runAsNonRoot }),
		...(runAsUser === undefined ? {} : { runAsUser }),
		...(runAsGroup === undefined ? {} : { runAsGroup }),
		...(c.privileged === undefined ? {} : { privileged: c.privileged }),
		...(c.allowPrivilegeEscalation === undefined ? {} : { allowPrivilegeEscalation: c.allowPrivilegeEscalation }),
		capabilitiesAdded: (c.capabilities?.add ?? []).map((cap) => cap.toUpperCase().replace(/^CAP_/, "")),
	};
}

export type RootVerdict = { readonly level: "pass"; readonly why: string } | { readonly level: "warn" | "fail"; readonly why: string };

/**
 * Severity follows the evidence. The image's USER is invisible to the API, so: runAsUser > 0 or
 * runAsNonRoot: true is verified; a spec that states root outright fails (uid 0; runAsNonRoot:
 * false with no non-root uid; runAsNonRoot: true with uid 0, which the kubelet refuses to start);
 * a spec that sets nothing leaves it to the image, a warning.
 */
export function rootVerdict(security: EffectiveSecurity): RootVerdict {
	const { runAsNonRoot, runAsUser } = security;
	if (runAsUser === 0 && runAsNonRoot === true) {
		return { level: "fail", why: "sets runAsNonRoot: true with runAsUser: 0, which the kubelet refuses to start" };
	}
	if (runAsUser === 0) return { level: "fail", why: "runs as root (runAsUser: 0)" };
	if (runAsUser !== undefined && runAsUser > 0) return { level: "pass", why: `runs as uid ${runAsUser}` };
	if (runAsNonRoot === true) return { level: "pass", why: "runAsNonRoot: true (the kubelet checks the image user)" };
	if (runAsNonRoot === false) {
		return { level: "fail", why: "sets runAsNonRoot: false and no non-root runAsUser, so root is allowed whenever the image runs as root" };
	}
	return {
		level: "warn",
		why: "sets neither runAsNonRoot: true nor a non-zero runAsUser, so the image's USER decides and may be root",
	};
}
