// The bot's weight as an operator sees it, each beside the simplest honest baseline:
// - CPU (user + system, the whole process) to the first `kubecoach explain` answer, as a multiple
//   of an empty Node process (`node -e 0`); goal under 10x. Both through the same preload that
//   reports process.cpuUsage() at exit. The first run has a fresh compile cache (NODE_COMPILE_CACHE
//   in a new folder); the figure is the median of the warm runs after it.
// - Idle RSS of `kubecoach start` with Slack (HTTP mode) and Discord connected to the local
//   stand-ins, started as deploy/Dockerfile's CMD starts it (its Node flags included) from the
//   caches the image is built with (bin/warm-caches.ts into NODE_COMPILE_CACHE), beside an idle
//   empty Node process; goal under 120 MB.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP_ID, DiscordStandIn, TOKEN } from "../test/discord/stand-in/discord-stand-in.ts";
import { SlackStandIn } from "../test/slack/stand-in/slack-stand-in.ts";
import { heading, percentile } from "./measure.ts";

const root = join(import.meta.dirname, "..");
const RUNS = 7;
/** Prints the process's own CPU time at exit: the same measure for the bot and the empty process. */
const CPU_PRELOAD = `data:text/javascript,process.on("exit",()=>process.stderr.write("cpu-us "+Object.values(process.cpuUsage()).reduce((a,b)=>a+b,0)+"\\n"))`;

function cpuMs(args: readonly string[], env: NodeJS.ProcessEnv): number {
	const result = spawnSync(process.execPath, ["--import", CPU_PRELOAD, ...args], { cwd: root, env, encoding: "utf8" });
	const line = /cpu-us (\d+)/.exec(result.stderr);
	if (result.status !== 0 || !line) throw new Error(`${args.join(" ")} failed (${result.status}): ${result.stderr}`);
	return Number(line[1]) / 1000;
}

function median(values: number[]): number {
	return percentile(
		[...values].sort((a, b) => a - b),
		50,
	);
}

function rssMb(pid: number): number {
	const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
	return Number(kb) / 1024;
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

async function explainCpu(): Promise<void> {
	const cache = mkdtempSync(join(tmpdir(), "kubecoach-bench-cache-"));
	try {
		const env = { ...process.env, NODE_COMPILE_CACHE: cache };
		const empty = median(Array.from({ length: RUNS }, () => cpuMs(["-e", "0"], env)));
		const cold = cpuMs(["bin/kubecoach.js", "explain", "OOMKilled"], env);
		const warm = median(Array.from({ length: RUNS }, () => cpuMs(["bin/kubecoach.js", "explain", "OOMKilled"], env)));
		console.log(`empty Node (node -e 0):                     ${empty.toFixed(0)} ms CPU (median of ${RUNS})`);
		console.log(`kubecoach explain OOMKilled, first run:     ${cold.toFixed(0)} ms CPU (fresh compile cache)`);
		console.log(
			`kubecoach explain OOMKilled:                ${warm.toFixed(0)} ms CPU (median of ${RUNS}) = ${(warm / empty).toFixed(1)}x the empty process (goal < 10x)`,
		);
	} finally {
		rmSync(cache, { recursive: true, force: true });
	}
}

/** The Node options deploy/Dockerfile's CMD starts bin/start.ts with: the bot is measured as it ships. */
function deployedNodeFlags(): string[] {
	const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(root, "deploy", "Dockerfile"), "utf8"))?.[1];
	const args = cmd ? (JSON.parse(cmd) as string[]) : [];
	if (args[0] !== "node" || args.at(-1) !== "bin/start.ts") throw new Error(`deploy/Dockerfile's CMD is not node ... bin/start.ts: ${cmd}`);
	return args.slice(1, -1);
}

/** The compile cache deploy/Dockerfile builds its image with, made the same way in `home`; none if the image has none. */
function deployedCompileCache(home: string): Record<string, string> {
	const dockerfile = readFileSync(join(root, "deploy", "Dockerfile"), "utf8");
	if (!/^RUN node bin\/warm-caches\.ts\b/m.test(dockerfile)) return {};
	const env = { PATH: process.env.PATH ?? "", NODE_COMPILE_CACHE: join(home, "compile-cache") };
	const warm = spawnSync(process.execPath, ["bin/warm-caches.ts"], { cwd: root, env, encoding: "utf8" });
	if (warm.status !== 0) throw new Error(`bin/warm-caches.ts failed: ${warm.stderr}`);
	return { NODE_COMPILE_CACHE: env.NODE_COMPILE_CACHE };
}

async function idleRss(): Promise<void> {
	const [slack, discord] = await Promise.all([SlackStandIn.start(), DiscordStandIn.start()]);
	const home = mkdtempSync(join(tmpdir(), "kubecoach-bench-rss-"));
	const bot = spawn(process.execPath, [...deployedNodeFlags(), "bin/start.ts"], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? "",
			...deployedCompileCache(home),
			HOME: home,
			KUBECOACH_DATA_DIR: join(home, "data"),
			KUBECOACH_VERBOSE: "1",
			PORT: "0",
			SLACK_BOT_TOKEN: slack.botToken,
			SLACK_SIGNING_SECRET: "bench-signing-secret",
			SLACK_API_URL: slack.apiUrl,
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APP_ID,
			DISCORD_API_URL: discord.api,
		},
		stdio: ["ignore", "ignore", "pipe"],
	});
	const empty = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
	let log = "";
	bot.stderr.on("data", (chunk: Buffer) => {
		log += chunk.toString();
	});
	try {
		await until(() => log.includes("listening for HTTP") && log.includes("Discord: connected"), "the bot to connect to both stand-ins");
		// Idle: what the start-up allocated and the garbage it left settle.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		const botMb = rssMb(bot.pid ?? 0);
		const emptyMb = rssMb(empty.pid ?? 0);
		console.log(`idle empty Node process:                    ${emptyMb.toFixed(0)} MB RSS`);
		console.log(`idle bot, Slack (HTTP mode) and Discord:    ${botMb.toFixed(0)} MB RSS (goal < 120 MB)`);
	} finally {
		bot.kill("SIGTERM");
		empty.kill("SIGTERM");
		await new Promise((resolve) => bot.once("exit", resolve));
		await Promise.all([slack.close(), discord.close()]);
		rmSync(home, { recursive: true, force: true });
	}
}

export default async function runtimeBench(): Promise<void> {
	heading("Runtime: CPU to the first explain answer, idle memory of the connected bot");
	await explainCpu();
	await idleRss();
}

if (import.meta.main) await runtimeBench();
