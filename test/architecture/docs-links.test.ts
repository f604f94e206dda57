import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";

const docs = ["README.md", ...readdirSync(join(repoRoot, "docs")).map((name) => join("docs", name))].filter((file) => file.endsWith(".md"));

describe("documentation", () => {
	it("links only to files that exist in the repository (a clone has nothing beside it)", () => {
		const broken = docs.flatMap((file) => {
			const text = readFileSync(join(repoRoot, file), "utf8");
			return [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
				.map((match) => match[1] ?? "")
				.filter((target) => !/^(https?|mailto):/.test(target))
				.filter((target) => {
					const path = resolve(repoRoot, dirname(file), target);
					return relative(repoRoot, path).startsWith("..") || !existsSync(path);
				})
				.map((target) => `${file} -> ${target}`);
		});
		expect(broken).toEqual([]);
	});

	it("names no file outside the repository", () => {
		for (const file of docs) expect(readFileSync(join(repoRoot, file), "utf8"), file).not.toMatch(/\.\.\/shared\//);
	});
});
