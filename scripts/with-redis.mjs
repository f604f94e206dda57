// Runs a command with a redis-server reachable at REDIS_URL (default redis://127.0.0.1:6379).
// Uses the one already listening; otherwise starts one from the redis-server binary for the
// duration of the command; otherwise fails and says how to install it.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const host = url.hostname || "127.0.0.1";
const port = Number(url.port || 6379);

function answersPing() {
	return new Promise((resolve) => {
		const socket = net.connect({ host, port });
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on("error", () => done(false));
		socket.on("connect", () => socket.write("PING\r\n"));
		socket.on("data", (data) => done(data.toString().startsWith("+PONG") || data.toString().startsWith("-NOAUTH")));
	});
}

async function waitForRedis(ms) {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await answersPing()) return true;
		await new Promise((r) => setTimeout(r, 100));
	}
	return false;
}

let server;
let dataDir;
if (!(await answersPing())) {
	const found = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
	if (found.error || found.status !== 0) {
		console.error(
			`No Redis answers at ${host}:${port} and there is no redis-server binary to start one.\n` +
				"Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis),\n" +
				"or point REDIS_URL at a Redis you can use for tests.",
		);
		process.exit(2);
	}
	dataDir = mkdtempSync(join(tmpdir(), "kubecoach-redis-"));
	server = spawn("redis-server", ["--port", String(port), "--bind", host, "--save", "", "--appendonly", "no", "--dir", dataDir], {
		stdio: "ignore",
	});
	if (!(await waitForRedis(10_000))) {
		console.error(`Started redis-server on ${host}:${port}, but it did not answer within 10 s.`);
		server.kill();
		process.exit(2);
	}
	console.log(`Started a redis-server for the tests on ${host}:${port}.`);
}

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: "inherit", shell: process.platform === "win32" });
const stopServer = () => {
	server?.kill();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
};
child.on("exit", (code, signal) => {
	stopServer();
	process.exit(code ?? (signal ? 1 : 0));
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
