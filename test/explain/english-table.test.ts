import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { primeEnglishTable } from "../../bin/english-cache.ts";
import { buildEnglishTable, englishFrequencies, useEnglishTable } from "../../src/explain/background-english.ts";
import { tokens } from "../../src/explain/text.ts";

const words = ["the", "went", "promise", "pod", "quota", "latency", "etcd", "kubeadm", "sourdough", "running", "containers"];

describe("the kept English table", () => {
	it("answers exactly as the folded word list does", () => {
		const fresh = englishFrequencies();
		const expected = words.map((word) => [fresh.perMillion(word), fresh.everyday(word)]);
		expect(useEnglishTable(buildEnglishTable())).toBe(true);
		const kept = englishFrequencies();
		expect(words.map((word) => [kept.perMillion(word), kept.everyday(word)])).toEqual(expected);
		expect(expected.some(([perMillion]) => perMillion === 0)).toBe(true);
		expect(expected.some(([, everyday]) => everyday === true)).toBe(true);
	});

	it("is refused when it is not a table, and rebuilt by the cache when stale or damaged", () => {
		expect(useEnglishTable("not a table")).toBe(false);
		const dir = mkdtempSync(join(tmpdir(), "kubecoach-english-"));
		try {
			primeEnglishTable(dir);
			const file = join(dir, "english-table.txt");
			const [key] = readFileSync(file, "utf8").split("\n", 1);
			writeFileSync(file, `${key}\n0\ngarbage`);
			primeEnglishTable(dir);
			expect(readFileSync(file, "utf8").split("\n")[1]).not.toBe("0");
			// The table holds folded tokens, as the index asks for them.
			const [promise = "", kubeadm = ""] = [...tokens("promise"), ...tokens("kubeadm")];
			expect(englishFrequencies().everyday(promise)).toBe(true);
			expect(englishFrequencies().everyday(kubeadm)).toBe(false);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe("the English table's lookup", () => {
	it("finds every token of the table with its count and everyday mark, and nothing else", () => {
		const table = buildEnglishTable();
		const [total = "", ...lines] = table.split("\n");
		expect(useEnglishTable(table)).toBe(true);
		const english = englishFrequencies();
		for (const line of lines) {
			const [token = "", count = "", common = ""] = line.split("\t");
			expect(english.perMillion(token)).toBe(Number(count) * (1_000_000 / Number(total)));
			expect(english.everyday(token)).toBe(common === "1");
		}
		for (const absent of ["", "zzzzzzzzzz", "aaaaaaaaaaa", "kubeadmx", "0"]) {
			expect(english.perMillion(absent)).toBe(0);
			expect(english.everyday(absent)).toBe(false);
		}
	});

	it("refuses a table out of order or with a line missing its fields", () => {
		expect(useEnglishTable("100\nbeta\t3\t1\nalpha\t2\t0")).toBe(false);
		expect(useEnglishTable("100\nalpha\t2")).toBe(false);
		expect(useEnglishTable("100\nalpha\t2\t0\nbeta\t3\t1")).toBe(true);
		expect(englishFrequencies().perMillion("beta")).toBe(30_000);
		expect(englishFrequencies().everyday("alpha")).toBe(false);
		expect(englishFrequencies().everyday("beta")).toBe(true);
	});
});
