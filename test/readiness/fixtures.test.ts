import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/readiness/checks/catalog.ts";
import { evaluateCheck } from "../../src/readiness/checks/evaluate.ts";
import { readManifests } from "../../src/readiness/manifest-reader.ts";
import type { NamespaceSnapshot, ResourceList, SnapshotKind } from "../../src/readiness/snapshot.ts";

/**
 * The table test: fixtures/<item>/<check-id>/<verdict>.<case>.yaml, where verdict is pass, warn,
 * fail, na or unknown. Each file holds one workload (plus what it needs) and a comment saying
 * where the case comes from. A `# kubecoach-fixture:` line sets what the files alone cannot say:
 * kinds listed empty (`listed=`), not served (`absent=`), refused (`forbidden=`), and `origin=live`.
 */

const ROOT = join(import.meta.dirname, "fixtures");
const NOW = new Date("2026-11-21T12:00:00Z");
const VERDICTS: Record<string, string> = { pass: "pass", warn: "warn", fail: "fail", unknown: "unknown", na: "n/a" };

interface Case {
	readonly item: string;
	readonly check: string;
	readonly verdict: string;
	readonly file: string;
}

function cases(): Case[] {
	const found: Case[] = [];
	for (const item of readdirSync(ROOT)) {
		for (const check of readdirSync(join(ROOT, item))) {
			for (const name of readdirSync(join(ROOT, item, check))) {
				found.push({ item, check, verdict: name.split(".")[0] ?? "", file: join(ROOT, item, check, name) });
			}
		}
	}
	return found;
}

function directives(text: string): Map<string, string[]> {
	const line = text.split("\n").find((l) => l.startsWith("# kubecoach-fixture:"));
	const map = new Map<string, string[]>();
	for (const part of line?.slice("# kubecoach-fixture:".length).trim().split(/\s+/) ?? []) {
		const [key, value] = part.split("=");
		if (key !== undefined && value !== undefined) map.set(key, value.split(","));
	}
	return map;
}

async function snapshotOf(file: string): Promise<NamespaceSnapshot> {
	const text = readFileSync(file, "utf8");
	const base = await readManifests([file], { namespace: "shop", now: NOW });
	const set = directives(text);
	const resources: Partial<Record<SnapshotKind, ResourceList>> = { ...base.resources };
	for (const kind of set.get("listed") ?? []) {
		resources[kind as SnapshotKind] = { state: "listed", items: base.resources[kind as SnapshotKind]?.items ?? [] };
	}
	for (const kind of set.get("absent") ?? []) resources[kind as SnapshotKind] = { state: "absent", items: [] };
	for (const state of ["forbidden", "error"] as const) {
		for (const kind of set.get(state) ?? []) {
			resources[kind as SnapshotKind] = { state, items: [], reason: `${kind} refused in the fixture` };
		}
	}
	const origin = set.get("origin")?.[0] === "live" ? "live" : "files";
	return { ...base, origin, resources };
}

const all = cases();

describe("readiness fixtures", () => {
	it.each(all.map((c) => [`${c.check}/${c.file.split("/").at(-1)}`, c] as const))("%s", async (_name, c) => {
		const check = CHECKS.find((k) => k.id === c.check);
		expect(check, `folder ${c.check} names no check`).toBeDefined();
		expect(check?.item).toBe(c.item);
		expect(Object.keys(VERDICTS)).toContain(c.verdict);
		expect(readFileSync(c.file, "utf8").startsWith("# "), "a fixture starts with a comment saying where it comes from").toBe(true);
		const results = evaluateCheck(await snapshotOf(c.file), c.check, { now: NOW });
		expect(
			results.map((r) => r.workload),
			"one workload per fixture",
		).toHaveLength(1);
		const [result] = results;
		expect({ status: result?.status, findings: result?.findings.map((f) => `${f.level}: ${f.message}`) }).toMatchObject({
			status: VERDICTS[c.verdict],
		});
	});

	it("covers every check with at least two different verdicts", () => {
		for (const check of CHECKS) {
			const verdicts = new Set(all.filter((c) => c.check === check.id).map((c) => c.verdict));
			expect(verdicts.size, `${check.id} needs fixtures of two verdicts`).toBeGreaterThanOrEqual(2);
		}
	});
});
