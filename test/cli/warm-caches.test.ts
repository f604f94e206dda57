/**
 * bin/warm-caches.ts, as deploy/Dockerfile runs it: afterwards kubecoach starts from the compile
 * cache alone, with no TypeScript module left for Node to strip (and so no stripper to load).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";

const cache = mkdtempSync(join(tmpdir(), "kubecoach-compile-cache-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
	return spawnSync(process.execPath, args, {
		cwd: repoRoot,
		env: { PATH: process.env.PATH ?? "", NODE_COMPILE_CACHE: cache, ...env },
		encoding: "utf8",
		timeout: 60_000,
	});
}

describe("bin/warm-caches.ts", () => {
	it("compiles every module into NODE_COMPILE_CACHE, after which the commands strip no TypeScript at start", () => {
		const warm = run(["bin/warm-caches.ts"]);
		expect(warm.stderr).toBe("");
		expect(warm.status).toBe(0);
		expect(warm.stdout).toMatch(
			/^kubecoach: cached the course "k8s-production-mastery" and the English word table in .+ and compiled \d{3} modules into /,
		);

		for (const command of [
			["bin/kubecoach.js", "explain", "OOMKilled"],
			["bin/kubecoach.js", "config", "check"],
		]) {
			const used = run(command, { NODE_DEBUG_NATIVE: "COMPILE_CACHE" });
			expect(used.status, command.join(" ")).toBe(0);
			// Node's own account of each module: taken from the cache, or stripped now.
			expect(used.stderr).toContain("retrieving transpile cache for StrippedTypeScript");
			expect(used.stderr.split("\n").filter((line) => line.includes("no transpile cache"))).toEqual([]);
		}
	});
});
