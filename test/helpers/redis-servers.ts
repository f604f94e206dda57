/**
 * redis-server processes a test starts for itself, on free ports of 127.0.0.1 in a temp folder:
 * one server it may stop and restart (the reliability suite), or a three-node Redis Cluster made
 * with `redis-cli --cluster create` (the store and run coordinator contracts). Never the shared
 * server on 6379. Missing binaries fail the test with how to install them, never skip it.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const INSTALL =
	"is not installed. Install Redis 7 or newer (Debian/Ubuntu: sudo apt-get install redis-server redis-tools; macOS: brew install redis).";

export function requireRedisBinaries(): void {
	for (const binary of ["redis-server", "redis-cli"]) {
		const found = spawnSync(binary, ["--version"], { stdio: "ignore" });
		if (found.error || found.status !== 0) throw new Error(`${binary} ${INSTALL}`);
	}
}

/** A TCP port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
		});
	});
}

function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: "127.0.0.1", port });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(500, () => done(false));
		socket.on("error", () => done(false));
		socket.on("connect", () => socket.write("PING\r\n"));
		socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
	});
}

async function until(what: string, ms: number, ok: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await ok()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${what} within ${ms} ms`);
}

/** One redis-server on a fixed port and folder, that can be stopped and started again. */
export class RedisServer {
	readonly port: number;
	readonly dir: string;
	private readonly extra: readonly string[];
	private child: ChildProcess | undefined;

	private constructor(port: number, dir: string, extra: readonly string[]) {
		this.port = port;
		this.dir = dir;
		this.extra = extra;
	}

	static async start(extra: readonly string[] = [], dir?: string): Promise<RedisServer> {
		requireRedisBinaries();
		const server = new RedisServer(await freePort(), dir ?? mkdtempSync(join(tmpdir(), "kubecoach-redis-")), extra);
		await server.restart();
		return server;
	}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts the server (again) on the same port and folder; resolves once it answers PING. */
	async restart(): Promise<void> {
		const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--dir", this.dir, "--save", "", "--appendonly", "no"];
		const child = spawn("redis-server", [...args, ...this.extra], { stdio: "ignore" });
		this.child = child;
		await until(`redis-server did not answer on port ${this.port}`, 10_000, () => ping(this.port));
	}

	/** Stops the server the hard way (SIGKILL: as a crash or a failover looks to its clients). */
	async kill(): Promise<void> {
		const child = this.child;
		this.child = undefined;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			child.once("exit", () => resolve());
			child.kill("SIGKILL");
		});
	}

	async stop(removeDir = true): Promise<void> {
		await this.kill();
		if (removeDir) rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Three masters, no replicas, every slot assigned: the smallest real Redis Cluster. */
export class RedisClusterNodes {
	readonly nodes: readonly RedisServer[];
	private readonly dir: string;

	private constructor(nodes: readonly RedisServer[], dir: string) {
		this.nodes = nodes;
		this.dir = dir;
	}

	static async start(size = 3): Promise<RedisClusterNodes> {
		requireRedisBinaries();
		const dir = mkdtempSync(join(tmpdir(), "kubecoach-redis-cluster-"));
		const nodes: RedisServer[] = [];
		try {
			for (let i = 0; i < size; i++) {
				const nodeDir = join(dir, `node-${i}`);
				mkdirSync(nodeDir);
				nodes.push(
					await RedisServer.start(
						["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000"],
						nodeDir,
					),
				);
			}
			const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
			await new Promise<void>((resolve, reject) => {
				execFile("redis-cli", ["--cluster", "create", ...addresses, "--cluster-replicas", "0", "--cluster-yes"], (error, stdout, stderr) =>
					error ? reject(new Error(`redis-cli --cluster create failed: ${stderr || stdout}`)) : resolve(),
				);
			});
			const cluster = new RedisClusterNodes(nodes, dir);
			await until("the cluster did not report cluster_state:ok on every node", 15_000, () => cluster.allOk());
			return cluster;
		} catch (error) {
			for (const node of nodes) await node.stop(false);
			rmSync(dir, { recursive: true, force: true });
			throw error;
		}
	}

	/** "host:port,host:port,...", as REDIS_CLUSTER_NODES takes it. */
	get addresses(): string {
		return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(",");
	}

	private async allOk(): Promise<boolean> {
		const states = await Promise.all(
			this.nodes.map(
				(n) =>
					new Promise<boolean>((resolve) =>
						execFile("redis-cli", ["-p", String(n.port), "cluster", "info"], (error, stdout) =>
							resolve(!error && stdout.includes("cluster_state:ok")),
						),
					),
			),
		);
		return states.every(Boolean);
	}

	async stop(): Promise<void> {
		for (const node of this.nodes) await node.stop(false);
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** A Redis Sentinel watching the master on `masterPort` under `name` (quorum 1). */
export class RedisSentinel {
	readonly port: number;
	private readonly dir: string;
	private readonly child: ChildProcess;

	private constructor(port: number, dir: string, child: ChildProcess) {
		this.port = port;
		this.dir = dir;
		this.child = child;
	}

	static async start(masterPort: number, name: string): Promise<RedisSentinel> {
		requireRedisBinaries();
		const port = await freePort();
		const dir = mkdtempSync(join(tmpdir(), "kubecoach-sentinel-"));
		// Sentinel rewrites its configuration file, so it lives in the temp folder.
		const file = join(dir, "sentinel.conf");
		writeFileSync(
			file,
			`port ${port}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor ${name} 127.0.0.1 ${masterPort} 1\nsentinel down-after-milliseconds ${name} 1000\n`,
		);
		const child = spawn("redis-server", [file, "--sentinel"], { stdio: "ignore" });
		const sentinel = new RedisSentinel(port, dir, child);
		await until(`redis-sentinel did not answer on port ${port}`, 10_000, () => ping(port));
		return sentinel;
	}

	async stop(): Promise<void> {
		if (this.child.exitCode === null) {
			await new Promise<void>((resolve) => {
				this.child.once("exit", () => resolve());
				this.child.kill("SIGKILL");
			});
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}
