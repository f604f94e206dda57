import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManifests } from "../../adapters/kubernetes/manifest-reader.ts";
import { CHECKS } from "../../src/readiness/checks/catalog.ts";
import { evaluateCheck } from "../../src/readiness/checks/evaluate.ts";
import type { NamespaceSnapshot, ResourceList, SnapshotKind } from "../../src/readiness/snapshot.ts";

/**
 * The table test: fixtures/<item>/<check-id>/<verdict>.<case>.yaml, where verdict is pass, warn,
 * fail, na or unknown. Each file holds one workload (plus what it needs) and a comment saying
 * where the case comes from. The file is read as manifest mode reads it (the desired state: a kind
 * it does not hold is absent). A `# kubecoach-fixture:` line sets what a live read would see
 * instead: kinds not served (`absent=`) or refused (`forbidden=`, `error=`), `origin=live`, and
 * `reading=partial` for the `--partial` reading of a slice of a repository. A
 * `# kubecoach-expect: <level>: <message>` line names a finding the verdict must come with.
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
	const set = directives(text);
	const partial = set.get("reading")?.[0] === "partial";
	const { snapshots } = await readManifests([file], { cwd: dirname(file), defaultNamespace: "shop", now: NOW, partial });
	// Objects without a namespace are read into "shop"; a real-world fixture may name its own.
	const base = snapshots.find((s) => s.namespace === "shop") ?? (snapshots.length === 1 ? snapshots[0] : undefined);
	if (base === undefined) throw new Error(`${file}: the fixture holds objects of several namespaces`);
	const resources: Partial<Record<SnapshotKind, ResourceList>> = { ...base.resources };
	for (const kind of set.get("absent") ?? []) resources[kind as SnapshotKind] = { state: "absent", items: [] };
	for (const state of ["forbidden", "error"] as const) {
		for (const kind of set.get(state) ?? []) {
			resources[kind as SnapshotKind] = { state, items: [], reason: `${kind} refused in the fixture` };
		}
	}
	if (set.get("origin")?.[0] === "live") {
		// A live read has no files: evidence kinds the fixture lacks were listed (empty), not unseen.
		for (const [kind, list] of Object.entries(resources)) {
			if (list?.state === "live-only") resources[kind as SnapshotKind] = { state: "listed", items: [] };
		}
		return { ...base, origin: "live", resources };
	}
	return { ...base, resources };
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
		const findings = result?.findings.map((f) => `${f.level}: ${f.message}`) ?? [];
		expect({ status: result?.status, findings }).toMatchObject({ status: VERDICTS[c.verdict] });
		// `# kubecoach-expect: <level>: <message>` lines name findings the verdict must come with.
		for (const line of readFileSync(c.file, "utf8").split("\n")) {
			if (line.startsWith("# kubecoach-expect: ")) expect(findings).toContain(line.slice("# kubecoach-expect: ".length));
		}
	});

	it("covers every check with at least two different verdicts", () => {
		for (const check of CHECKS) {
			const verdicts = new Set(all.filter((c) => c.check === check.id).map((c) => c.verdict));
			expect(verdicts.size, `${check.id} needs fixtures of two verdicts`).toBeGreaterThanOrEqual(2);
		}
	});
});
