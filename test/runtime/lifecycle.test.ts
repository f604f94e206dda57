/**
 * The bot as a new user runs it: `npm start` with nothing configured (the console, the SQLite
 * store) and PORT set. Its endpoints answer over real HTTP, a command shows in /metrics, a SIGTERM
 * to npm stops the bot, and the next start at once finds no lock and prints no stack trace. npm
 * (on some Node versions) exits on SIGTERM without passing it on: a parent that does the same
 * leaves the bot to notice and stop in order on its own.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";

const home = mkdtempSync(join(tmpdir(), "kubecoach-lifecycle-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = (dataDir: string) => ({
	PATH: process.env.PATH ?? "",
	HOME: home,
	KUBECOACH_DATA_DIR: join(home, dataDir),
	PORT: "0",
	NO_COLOR: "1",
});

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Starts `command` (which starts the bot) and follows its output; resolves once the bot listens. */
async function launch(command: string, args: readonly string[], dataDir: string) {
	const child = spawn(command, args, { cwd: repoRoot, env: env(dataDir), stdio: ["pipe", "pipe", "pipe"] });
	const out = { stdout: "", stderr: "" };
	child.stdout.on("data", (chunk: Buffer) => {
		out.stdout += chunk.toString();
	});
	child.stderr.on("data", (chunk: Buffer) => {
		out.stderr += chunk.toString();
	});
	// Closed once every process writing to it (the bot included) has exited.
	const drained = new Promise<void>((resolve) => child.stderr.on("close", () => resolve()));
	await until(() => /listening for HTTP on port \d+ \(pid \d+\)/.test(out.stderr), "the HTTP server");
	const [, port, pid] = /listening for HTTP on port (\d+) \(pid (\d+)\)/.exec(out.stderr) ?? [];
	return { child, out, drained, port: Number(port), pid: Number(pid) };
}

/**
 * Starts the bot under a parent that, like npm, gives it its own input and output and exits on
 * SIGTERM alone; input from a shell pipe and the log in a file, as a terminal or a service manager
 * would give. Resolves once the bot listens, with its pid and its parent's.
 */
async function underParent(dataDir: string, extraEnv: Readonly<Record<string, string>> = {}) {
	const parent = `require("node:child_process").spawn(process.execPath, ["bin/start.ts"], { stdio: "inherit" }); process.on("SIGTERM", () => process.exit(0));`;
	const log = join(home, `${dataDir}.log`);
	const shell = spawn("sh", ["-c", `sleep 30 | "${process.execPath}" -e '${parent}' 2> "${log}"`], {
		cwd: repoRoot,
		env: { ...env(dataDir), ...extraEnv },
		stdio: "ignore",
	});
	const read = () => (existsSync(log) ? readFileSync(log, "utf8") : "");
	const started = { shell, read, pid: 0, parentPid: 0 };
	await until(() => /\(pid \d+\)/.test(read()), "the HTTP server");
	started.pid = Number(/\(pid (\d+)\)/.exec(read())?.[1]);
	started.parentPid = Number(spawnSync("ps", ["-o", "ppid=", "-p", String(started.pid)], { encoding: "utf8" }).stdout.trim());
	return started;
}

/** Ends what `underParent` started, whatever the test left running. */
function cleanUp(started: { shell: ReturnType<typeof spawn>; pid: number }): void {
	started.shell.kill("SIGKILL");
	if (started.pid > 0 && alive(started.pid)) process.kill(started.pid, "SIGKILL");
}

function startAgain(dataDir: string) {
	return spawnSync(process.execPath, [join(repoRoot, "bin/start.ts")], {
		cwd: repoRoot,
		env: { ...env(dataDir), PORT: "" },
		input: "/explain exit code 137\n",
		encoding: "utf8",
		timeout: 20_000,
	});
}

describe("npm start, its endpoints and the signals that stop it", () => {
	it("serves /healthz, /readyz and /metrics, stops on SIGTERM to npm, and starts again at once", async () => {
		const bot = await launch("npm", ["start", "--silent"], "npm");
		try {
			const get = async (path: string) => {
				const response = await fetch(`http://127.0.0.1:${bot.port}${path}`);
				return { status: response.status, body: await response.text(), type: response.headers.get("content-type") };
			};
			expect(await get("/healthz")).toMatchObject({ status: 200, body: "ok\n" });
			expect(await get("/readyz")).toMatchObject({ status: 200, body: "ready\n" });
			expect((await get("/nothing-here")).status).toBe(404);

			bot.child.stdin.write("/explain OOMKilled\n");
			await until(() => bot.out.stdout.includes("OOMKilled"), "the answer");
			const metrics = await get("/metrics");
			expect(metrics.type).toContain("text/plain");
			expect(metrics.body).toMatch(/^kubecoach_commands_total\{command="explain",outcome="ok"\} 1$/m);
			expect(metrics.body).toMatch(/^kubecoach_command_duration_seconds_count\{command="explain"\} 1$/m);
			expect(metrics.body).toContain("process_resident_memory_bytes");

			bot.child.kill("SIGTERM");
			await until(() => !alive(bot.pid), "the bot's process to exit");
		} finally {
			bot.child.kill("SIGKILL");
			if (alive(bot.pid)) process.kill(bot.pid, "SIGKILL");
		}
		expect(bot.out.stderr).not.toMatch(/\n\s+at /);

		// The store's lock went with the bot: a second start (piped input, so it ends by itself) works at once.
		const again = startAgain("npm");
		expect(again.stderr).not.toMatch(/lock|\n\s+at /i);
		expect(again.status).toBe(0);
		expect(again.stdout).toContain("Episode 2: Resource Management");
	}, 40_000);

	it("stops in order when the process that started it exits on SIGTERM without passing it on", async () => {
		// npm sets npm_command: the bot watches its parent only then.
		const started = await underParent("orphan", { npm_command: "start" });
		const { read, pid } = started;
		try {
			process.kill(started.parentPid, "SIGTERM");
			await until(() => !alive(pid), "the bot's process to exit");
		} finally {
			cleanUp(started);
		}
		// Not a terminal: the log is pino's JSON, one object a line.
		const stopping = read()
			.split("\n")
			.find((line) => line.includes("has exited: stopping"));
		expect(stopping, read()).toBeDefined();
		expect(JSON.parse(stopping ?? "{}")).toMatchObject({ level: "warn", name: "kubecoach", pid });
		expect(read()).not.toMatch(/\n\s+at /);
		const again = startAgain("orphan");
		expect(again.stderr).not.toMatch(/lock|\n\s+at /i);
		expect(again.status).toBe(0);
	}, 40_000);

	it("keeps running when a parent other than npm goes away (nohup ... &), and stops on its own SIGTERM", async () => {
		const started = await underParent("detached");
		const { read, pid } = started;
		try {
			process.kill(started.parentPid, "SIGTERM");
			await until(() => !alive(started.parentPid), "the parent to exit");
			// Several of the bot's parent checks go by: it must still be there.
			await new Promise((resolve) => setTimeout(resolve, 2_000));
			expect(alive(pid), read()).toBe(true);
			process.kill(pid, "SIGTERM");
			await until(() => !alive(pid), "the bot's process to exit");
		} finally {
			cleanUp(started);
		}
		expect(read()).toContain("SIGTERM: stopping");
		expect(read()).not.toMatch(/\n\s+at /);
	}, 40_000);
});
