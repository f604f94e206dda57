import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith(".ts") ? [path] : [];
	});
}

const FORBIDDEN_IN_CORE = [
	/from "@slack\//,
	/from "discord\.js"/,
	/from "ioredis"/,
	/from "@kubernetes\//,
	/from "node-cron"/,
	/from "\.\.?\/.*(adapters|jobs|bin)\//,
];

describe("architecture", () => {
	it("keeps platform SDKs, adapters and jobs out of the core in src/", () => {
		const offenders = sourceFiles(join(repoRoot, "src")).flatMap((file) => {
			const text = readFileSync(file, "utf8");
			return FORBIDDEN_IN_CORE.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(repoRoot, file)} matches ${pattern}`);
		});
		expect(offenders).toEqual([]);
	});

	it("reads process.env only in the composition root", () => {
		const dirs = ["src", "adapters", "jobs"].map((d) => join(repoRoot, d));
		const offenders = dirs
			.flatMap((dir) => {
				try {
					return sourceFiles(dir);
				} catch {
					return [];
				}
			})
			.filter((file) => readFileSync(file, "utf8").includes("process.env"))
			.map((file) => relative(repoRoot, file));
		expect(offenders).toEqual([]);
	});
});
