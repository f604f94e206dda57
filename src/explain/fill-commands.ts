import type { KubectlCommand } from "../course/schema.ts";
import type { NameKind, ObjectNames } from "./question-names.ts";

/**
 * The lessons' commands use example objects (`kubectl describe pod web-7c9d8b6f5-x2k4q -n shop`).
 * When the question names the user's own objects, those take the examples' places, by where the
 * name stands in the command: after `-n`, in `pod/NAME`, after `describe pod`, in
 * `--as=system:serviceaccount:NS:SA`. Once any name is the user's, a namespace they did not give
 * becomes `<namespace>` rather than the lesson's example, so no command mixes the two.
 */
export function fillCommands(commands: readonly KubectlCommand[], names: ObjectNames): KubectlCommand[] {
	if (Object.keys(names).length === 0) return [...commands];
	return commands.map((c) => ({ ...c, command: fillCommand(c.command, names) }));
}

const NAME = "[a-z0-9][-a-z0-9.]*[a-z0-9]|[a-z0-9]";
const KIND_WORDS: Record<string, NameKind> = {
	pod: "pod",
	pods: "pod",
	po: "pod",
	deployment: "deployment",
	deployments: "deployment",
	deploy: "deployment",
	statefulset: "statefulSet",
	sts: "statefulSet",
	node: "node",
	nodes: "node",
	pvc: "pvc",
	persistentvolumeclaim: "pvc",
	sa: "serviceAccount",
	serviceaccount: "serviceAccount",
};
const KIND = Object.keys(KIND_WORDS)
	.sort((a, b) => b.length - a.length)
	.join("|");

interface Rule {
	readonly pattern: RegExp;
	readonly replace: (names: ObjectNames, ...groups: string[]) => string | undefined;
}

const RULES: readonly Rule[] = [
	// --as=system:serviceaccount:payments:api
	{
		pattern: new RegExp(`(--as=system:serviceaccount:)(${NAME}):(${NAME})`, "g"),
		replace: (n, prefix, ns, sa) =>
			n.serviceAccount || n.namespace ? `${prefix}${n.namespace ?? ns}:${n.serviceAccount ?? sa}` : undefined,
	},
	// kind/name: pod/web-0, deployment/web, node/ip-10-0-3-17
	{
		pattern: new RegExp(`\\b(${KIND})/(${NAME})`, "g"),
		replace: (n, kind) => `${kind}/${mineOr(n, KIND_WORDS[kind as string] as NameKind)}`,
	},
	// describe pod NAME, get pvc NAME, top pod NAME, rollout status statefulset NAME
	{
		pattern: new RegExp(`\\b((?:describe|get|top|delete|edit|status|history)\\s+(?:${KIND})\\s+)(${NAME})(?=\\s|$)`, "g"),
		replace: (n, prefix, name) => {
			const kind = KIND_WORDS[(prefix as string).trim().split(/\s+/).pop() as string];
			return kind ? `${prefix}${mineOr(n, kind)}` : `${prefix}${name}`;
		},
	},
	// kubectl logs NAME, kubectl exec -n ns NAME, kubectl debug -it NAME, port-forward NAME
	{
		pattern: new RegExp(`\\b((?:logs|exec|debug|port-forward)(?:\\s+-(?:it|n\\s+${NAME}))*\\s+)(${NAME})(?=\\s|$)`, "g"),
		replace: (n, prefix, name) => (/^(?:deploy|node)\//.test(name as string) ? `${prefix}${name}` : `${prefix}${mineOr(n, "pod")}`),
	},
	// -c app, --container=app, --target=app
	{
		pattern: new RegExp(`((?:\\s-c\\s+|--container=|--target=))(${NAME})`, "g"),
		replace: (n, prefix) => `${prefix}${mineOr(n, "container")}`,
	},
];

const PLACEHOLDER: Record<NameKind, string> = {
	pod: "<pod>",
	namespace: "<namespace>",
	deployment: "<deployment>",
	statefulSet: "<statefulset>",
	node: "<node>",
	pvc: "<pvc>",
	serviceAccount: "<serviceaccount>",
	container: "<container>",
};

/** The user's name of this kind, or a placeholder: never the lesson's example beside the user's names. */
function mineOr(names: ObjectNames, kind: NameKind): string {
	return names[kind] ?? PLACEHOLDER[kind];
}

function fillCommand(command: string, names: ObjectNames): string {
	let out = command;
	for (const { pattern, replace } of RULES) {
		out = out.replace(
			pattern,
			(whole, ...groups: unknown[]) => replace(names, ...groups.filter((g): g is string => typeof g === "string")) ?? whole,
		);
	}
	// The namespace goes last, so that it matches whatever the names above were taken from.
	const namespace = mineOr(names, "namespace");
	return out
		.replace(new RegExp(`(\\s-n\\s+)(${NAME})(?=\\s|$)`, "g"), `$1${namespace}`)
		.replace(new RegExp(`(--namespace[= ])(${NAME})`, "g"), `$1${namespace}`);
}
