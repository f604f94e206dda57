import { ManifestError, readManifests } from "../../adapters/kubernetes/manifest-reader.ts";
import type { ClusterReadError, ClusterReader } from "../../src/ports/cluster-reader.ts";
import type { Profile } from "../../src/readiness/checks/types.ts";
import { isNamespaceName, namespaceNameProblem } from "../../src/readiness/namespace-name.ts";
import { reportJson } from "../../src/readiness/render-json.ts";
import { reportSarif } from "../../src/readiness/render-sarif.ts";
import { reportText } from "../../src/readiness/render-text.ts";
import { buildAudit, reportExitCode } from "../../src/readiness/report.ts";
import type { NamespaceSnapshot, SkippedFile } from "../../src/readiness/snapshot.ts";
import type { CommandIo } from "../command-io.ts";

export const READINESS_HELP = `Usage: kubecoach readiness (--namespace NS [--context CTX] | --file PATH... [--partial]) [--profile core|complete] [--json|--sarif]

Audits a namespace against the course's production-readiness checklist.

  --namespace NS     namespace to read from the cluster
  --context CTX      kubeconfig context to use (default: the current one)
  --file PATH...     manifest files or folders (.yaml, .yml, .json; multi-document, List kinds);
                     the files are the desired state: a kind they do not hold is absent, and
                     files of several namespaces are audited per namespace
  --partial          the files are a slice of a larger whole: a kind they do not hold is unknown
  --profile P        core (Episode 1's six items, default) or complete (adds gitops, policy, backups, quota)
  --json             machine-readable report (workloads[].items.<item>.{status,findings})
  --sarif            SARIF 2.1.0 for code scanning
  --help             this text

Exit codes: 0 when nothing fails (warnings and unknowns do not fail),
            1 when a workload fails a non-exempt item or an object fails on its own
              (an object the API would refuse, a cluster-admin binding),
            2 on bad input, a broken manifest, or a cluster that cannot be read.

Exempt an item with an annotation on the workload:
  kubecoach.io/exempt-<item>: "<reason>; expires=YYYY-MM-DD"
`;

export interface ReadinessDeps {
	readonly liveReader?: (context: string | undefined) => ClusterReader;
	/** Clock for exemption expiry; tests pass a fixed one. */
	readonly now?: () => Date;
}

interface Parsed {
	namespace?: string;
	context?: string;
	files: string[];
	partial: boolean;
	profile: Profile;
	format: "text" | "json" | "sarif";
	help: boolean;
}

class UsageError extends Error {}

function parse(args: readonly string[]): Parsed {
	const parsed: Parsed = { files: [], partial: false, profile: "core", format: "text", help: false };
	let formats = 0;
	for (let i = 0; i < args.length; i++) {
		const raw = args[i] as string;
		const eq = raw.startsWith("--") ? raw.indexOf("=") : -1;
		const flag = eq === -1 ? raw : raw.slice(0, eq);
		const inline = eq === -1 ? undefined : raw.slice(eq + 1);
		const value = (): string => {
			if (inline !== undefined) return inline;
			const next = args[i + 1];
			if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
			i++;
			return next;
		};
		switch (flag) {
			case "--help":
			case "-h":
				parsed.help = true;
				break;
			case "--namespace":
			case "-n":
				parsed.namespace = value();
				break;
			case "--context":
				parsed.context = value();
				break;
			case "--file":
			case "-f": {
				parsed.files.push(value());
				// --file takes every following path up to the next flag.
				while (args[i + 1] !== undefined && !(args[i + 1] as string).startsWith("-")) parsed.files.push(args[++i] as string);
				break;
			}
			case "--partial":
				parsed.partial = true;
				break;
			case "--profile": {
				const profile = value();
				if (profile !== "core" && profile !== "complete") throw new UsageError(`--profile must be core or complete, not "${profile}"`);
				parsed.profile = profile;
				break;
			}
			case "--json":
				parsed.format = "json";
				formats++;
				break;
			case "--sarif":
				parsed.format = "sarif";
				formats++;
				break;
			default:
				throw new UsageError(raw.startsWith("-") ? `unknown option ${raw}` : `unexpected argument "${raw}" (paths go after --file)`);
		}
	}
	if (parsed.help) return parsed;
	if (formats > 1) throw new UsageError("choose one of --json and --sarif");
	if (parsed.files.length === 0 && parsed.namespace === undefined)
		throw new UsageError("give --namespace NS (live cluster) or --file PATH (manifests)");
	if (parsed.files.length > 0 && parsed.context !== undefined)
		throw new UsageError("--context reads a cluster; it cannot be combined with --file");
	// The contract's two sources are alternatives: a namespace given beside files would read as
	// "this cluster namespace" and silently audit the files instead. Files carry their namespace.
	if (parsed.files.length > 0 && parsed.namespace !== undefined)
		throw new UsageError("--namespace reads a cluster; it cannot be combined with --file (the files say their namespace)");
	if (parsed.partial && parsed.files.length === 0)
		throw new UsageError("--partial qualifies --file: it says the files are a slice of a larger whole");
	if (parsed.namespace !== undefined && !isNamespaceName(parsed.namespace)) throw new UsageError(namespaceNameProblem(parsed.namespace));
	return parsed;
}

const HINTS: Record<ClusterReadError["code"], string> = {
	"namespace-not-found": "Check the name with `kubectl get namespaces`.",
	"bad-context": "List contexts with `kubectl config get-contexts` and pass one with --context.",
	unreachable: "Check the cluster address and your network/VPN; `kubectl cluster-info` shows what kubeconfig points at.",
	timeout: "The API server did not answer in time; retry, or check its health and your connection.",
	unauthorized: "Your credentials were rejected; refresh them (re-login to the cloud CLI) and retry.",
	// The message of a bad-input error already says what to change.
	"bad-input": "",
};

function isClusterReadError(error: unknown): error is ClusterReadError {
	return error instanceof Error && error.name === "ClusterReadError" && typeof (error as { code?: unknown }).code === "string";
}

export async function readinessCommand(args: string[], io: CommandIo, deps: ReadinessDeps): Promise<number> {
	let parsed: Parsed;
	try {
		parsed = parse(args);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.stderr.write(`kubecoach readiness: ${error.message}\n\n${READINESS_HELP}`);
		return 2;
	}
	if (parsed.help) {
		io.stdout.write(READINESS_HELP);
		return 0;
	}
	const now = deps.now?.() ?? new Date();
	let snapshots: readonly NamespaceSnapshot[];
	let skipped: readonly SkippedFile[] = [];
	try {
		if (parsed.files.length > 0) {
			({ snapshots, skipped } = await readManifests(parsed.files, { cwd: io.cwd, now, partial: parsed.partial }));
		} else {
			if (deps.liveReader === undefined) {
				io.stderr.write("kubecoach readiness: reading a live cluster is not available here; use --file with manifests.\n");
				return 2;
			}
			const reader = deps.liveReader(parsed.context);
			snapshots = [
				await reader.readNamespace(parsed.namespace as string, parsed.context === undefined ? undefined : { cluster: parsed.context }),
			];
		}
	} catch (error) {
		if (error instanceof ManifestError) {
			io.stderr.write(`kubecoach readiness: ${error.message} [${error.code}]\n`);
			return 2;
		}
		if (isClusterReadError(error)) {
			const hint = HINTS[error.code] ?? "";
			io.stderr.write(`kubecoach readiness: ${error.message} [${error.code}]\n${hint === "" ? "" : `${hint}\n`}`);
			return 2;
		}
		throw error;
	}
	const audit = buildAudit(snapshots, { profile: parsed.profile, now }, skipped);
	if (parsed.format === "json") io.stdout.write(reportJson(audit));
	else if (parsed.format === "sarif") io.stdout.write(reportSarif(audit));
	else {
		const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
		const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "";
		io.stdout.write(reportText(audit, { color: tty && !noColor }));
	}
	return reportExitCode(audit);
}
