/**
 * deploy/Dockerfile, read as data (no Docker engine needed): Node 24, production dependencies only
 * as locked, a non-root user, and node itself as the container's process, not npm or a shell.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";

interface Instruction {
	readonly op: string;
	readonly args: string;
}

/** Instructions with continuation lines joined and comments dropped, as Docker reads them. */
function instructions(text: string): Instruction[] {
	const joined = text
		.split("\n")
		.filter((line) => !line.trimStart().startsWith("#"))
		.join("\n")
		.replace(/\\\n/g, " ");
	return joined
		.split("\n")
		.map((line) => line.trim())
		.filter((line) => line !== "")
		.map((line) => {
			const [op = "", ...rest] = line.split(/\s+/);
			return { op: op.toUpperCase(), args: rest.join(" ") };
		});
}

const dockerfile = instructions(readFileSync(join(repoRoot, "deploy", "Dockerfile"), "utf8"));
const stages = dockerfile.reduce<Instruction[][]>((all, step) => {
	if (step.op === "FROM") all.push([]);
	all.at(-1)?.push(step);
	return all;
}, []);
const final = stages.at(-1) ?? [];
const ignored = readFileSync(join(repoRoot, ".dockerignore"), "utf8")
	.split("\n")
	.map((line) => line.trim())
	.filter((line) => line !== "" && !line.startsWith("#"));

describe("deploy/Dockerfile", () => {
	it("builds every stage FROM a Node 24 image", () => {
		const froms = dockerfile.filter((s) => s.op === "FROM").map((s) => s.args);
		expect(froms.length).toBeGreaterThan(0);
		for (const from of froms) expect(from).toMatch(/^node:24(\.\d+)*(-[\w.-]+)?( AS \w+)?$/i);
		const engines = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).engines.node as string;
		expect(engines).toMatch(/^>=24\./);
	});

	it("installs the production dependencies exactly as locked", () => {
		const installs = dockerfile.filter((s) => s.op === "RUN" && /\bnpm\b/.test(s.args));
		expect(installs.map((s) => s.args)).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
		expect(dockerfile.find((s) => s.op === "COPY" && s.args.includes("package-lock.json"))).toBeDefined();
		expect(dockerfile.some((s) => s.op === "RUN" && /npm (install|i)\b/.test(s.args))).toBe(false);
	});

	it("runs as a numeric non-root user, so that Kubernetes' runAsNonRoot can verify it", () => {
		const users = final.filter((s) => s.op === "USER").map((s) => s.args);
		expect(users).toHaveLength(1);
		const [uid] = (users[0] ?? "").split(":");
		expect(uid).toMatch(/^\d+$/);
		expect(Number(uid)).toBeGreaterThan(0);
		// After USER, nothing runs as root again.
		expect(final.findIndex((s) => s.op === "USER")).toBeGreaterThan(final.findLastIndex((s) => s.op === "RUN" || s.op === "COPY"));
	});

	it("starts node directly on bin/start.ts in exec form, with no npm or shell between it and the signals", () => {
		expect(final.filter((s) => s.op === "ENTRYPOINT")).toEqual([]);
		const cmds = final.filter((s) => s.op === "CMD");
		expect(cmds).toHaveLength(1);
		const args = JSON.parse(cmds[0]?.args ?? "") as string[];
		expect(args[0]).toBe("node");
		expect(args.at(-1)).toBe("bin/start.ts");
		// Between them only Node's own options (the young generation's size and V8's worker threads, for the idle memory).
		for (const flag of args.slice(1, -1)) expect(flag).toMatch(/^--[a-z0-9-]+=\d+$/);
	});

	it("ships the caches bin/warm-caches.ts makes as the bot's own user, and points Node at its compile cache", () => {
		const caches = stages.find((stage) => stage[0]?.args.endsWith(" AS caches")) ?? [];
		const user = final.find((s) => s.op === "USER")?.args;
		const warm = caches.findIndex((s) => s.op === "RUN" && s.args.startsWith("node bin/warm-caches.ts"));
		expect(warm).toBeGreaterThan(-1);
		// Node keeps one compile cache per user id: it must be made as the user that reads it.
		expect(caches.findLast((s, i) => s.op === "USER" && i < warm)?.args).toBe(user);
		const env = (stage: Instruction[]) =>
			stage
				.filter((s) => s.op === "ENV")
				.map((s) => s.args)
				.join(" ");
		expect(env(caches)).toContain("NODE_COMPILE_CACHE=/app/.compile-cache");
		expect(env(final)).toContain("NODE_COMPILE_CACHE=/app/.compile-cache");
		const fromCaches = final.filter((s) => s.op === "COPY" && s.args.startsWith("--from=caches")).map((s) => s.args.split(" ")[1]);
		expect(fromCaches).toEqual(["/app/node_modules/.cache", "/app/.compile-cache"]);
	});

	it("copies the code the bot runs and the course, and the PORT its probes use", () => {
		const copied = final.filter((s) => s.op === "COPY").map((s) => s.args.split(" ")[0]);
		for (const dir of ["bin", "src", "adapters", "jobs", "content"]) expect(copied).toContain(dir);
		expect(final).toContainEqual({ op: "EXPOSE", args: "3000" });
	});
});

describe(".dockerignore", () => {
	it("keeps local data, secrets, tests and the git history out of the build context", () => {
		for (const entry of [".git", "node_modules", ".kubecoach", ".env", "test"]) expect(ignored).toContain(entry);
	});

	it("keeps in what the Dockerfile copies", () => {
		const copied = dockerfile.filter((s) => s.op === "COPY" && !s.args.startsWith("--from")).flatMap((s) => s.args.split(" ").slice(0, -1));
		for (const path of copied) expect(ignored, path).not.toContain(path);
	});
});
