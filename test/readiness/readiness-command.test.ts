import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CommandIo } from "../../bin/command-io.ts";
import { readinessCommand } from "../../bin/commands/readiness.ts";
import { ClusterReadError, type ClusterReader } from "../../src/ports/cluster-reader.ts";
import type { NamespaceSnapshot } from "../../src/readiness/snapshot.ts";
import { deployment, passingNeighbours, snapshotOf } from "./snapshot-builder.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const now = () => new Date("2026-11-21T12:00:00Z");

function fakeIo(options: { tty?: boolean; env?: Record<string, string> } = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const io: CommandIo = {
		stdin: Readable.from([]),
		stdout: { write: (t: string) => out.push(t), ...(options.tty === true ? { isTTY: true } : {}) } as CommandIo["stdout"],
		stderr: { write: (t: string) => err.push(t) },
		env: options.env ?? {},
		cwd: repo,
	};
	return { io, out: () => out.join(""), err: () => err.join("") };
}

/** A hand-written reader: returns a fixed snapshot or throws a fixed error, and records what it was asked. */
function reader(result: NamespaceSnapshot | ClusterReadError, calls: string[] = []): (context: string | undefined) => ClusterReader {
	return (context) => ({
		readNamespace: async (namespace, options) => {
			calls.push(`${context ?? "-"}:${namespace}:${options?.cluster ?? "-"}`);
			if (result instanceof ClusterReadError) throw result;
			return result;
		},
	});
}

describe("kubecoach readiness", () => {
	it("exits 1 on the demo namespace files, which have failing workloads", async () => {
		const { io, out } = fakeIo();
		expect(await readinessCommand(["--file", "content/demo-cluster"], io, { now })).toBe(1);
		expect(out()).toContain("Readiness of namespace demo");
	});

	it("exits 0 when every workload passes, live, through the reader it is given", async () => {
		const calls: string[] = [];
		const snapshot = snapshotOf([deployment("api"), ...passingNeighbours("api")]);
		const { io, out } = fakeIo();
		const code = await readinessCommand(["--namespace", "shop", "--context", "prod", "--json"], io, {
			liveReader: reader(snapshot, calls),
			now,
		});
		expect(JSON.parse(out()).workloads[0].status).toBe("pass");
		expect(code).toBe(0);
		expect(calls).toEqual(["prod:shop:prod"]);
	});

	it("exits 0 when the worst is a warning or an unknown (only failures fail)", async () => {
		const snapshot = snapshotOf([deployment("api"), ...passingNeighbours("api")], {
			ClusterRoleBinding: { state: "forbidden", reason: "403" },
		});
		const { io, out } = fakeIo();
		expect(await readinessCommand(["--namespace=shop", "--json"], io, { liveReader: reader(snapshot), now })).toBe(0);
		expect(JSON.parse(out()).workloads[0].items.rbac.status).toBe("unknown");
	});

	it("exits 2 with what was wrong and how to fix it when the cluster cannot be read", async () => {
		const { io, err } = fakeIo();
		const error = new ClusterReadError("namespace-not-found", 'namespace "shpo" does not exist');
		expect(await readinessCommand(["--namespace", "shpo"], io, { liveReader: reader(error), now })).toBe(2);
		expect(err()).toContain('namespace "shpo" does not exist [namespace-not-found]');
		expect(err()).toContain("kubectl get namespaces");
	});

	it.each([
		[[], "give --namespace NS"],
		[["--namespace", "shop", "--json", "--sarif"], "choose one of --json and --sarif"],
		[["--file", "content/demo-cluster", "--context", "prod"], "cannot be combined with --file"],
		[["--namespace", "demo", "--file", "content/demo-cluster"], "--namespace reads a cluster; it cannot be combined with --file"],
		[["--namespace", "shop", "--profile", "strict"], "--profile must be core or complete"],
		[["--namespace", "Shop_1"], "is not a namespace name"],
		[["--namespace"], "--namespace needs a value"],
		[["--verbose", "--namespace", "shop"], "unknown option --verbose"],
		[["--file", "no/such/dir"], "no/such/dir: no such file or folder [manifest-not-found]"],
	])("exits 2 on bad input %j", async (args, message) => {
		const { io, err } = fakeIo();
		expect(await readinessCommand(args, io, { liveReader: reader(snapshotOf([])), now })).toBe(2);
		expect(err()).toContain(message);
	});

	it("exits 2 when no live reader is wired", async () => {
		const { io, err } = fakeIo();
		expect(await readinessCommand(["--namespace", "shop"], io, {})).toBe(2);
		expect(err()).toContain("use --file");
	});

	it("prints help with exit 0", async () => {
		const { io, out } = fakeIo();
		expect(await readinessCommand(["--help"], io, {})).toBe(0);
		expect(out()).toContain("Usage: kubecoach readiness (--namespace NS [--context CTX] | --file PATH... [--partial])");
	});

	it("writes SARIF with --sarif and takes several paths after --file", async () => {
		const { io, out } = fakeIo();
		const code = await readinessCommand(
			["--file", "content/demo-cluster/workloads.yaml", "content/demo-cluster/pods.yaml", "--sarif"],
			io,
			{ now },
		);
		expect(code).toBe(1);
		expect(JSON.parse(out()).version).toBe("2.1.0");
	});

	it("colours only on a TTY without NO_COLOR", async () => {
		const run = async (tty: boolean, env: Record<string, string>) => {
			const { io, out } = fakeIo({ tty, env });
			await readinessCommand(["--file", "content/demo-cluster"], io, { now });
			return out().includes("\u001b[");
		};
		expect(await run(true, {})).toBe(true);
		expect(await run(true, { NO_COLOR: "1" })).toBe(false);
		expect(await run(false, {})).toBe(false);
	});
});
