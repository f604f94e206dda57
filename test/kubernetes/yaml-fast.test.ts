import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { fastDocuments } from "../../adapters/kubernetes/yaml-fast.ts";

/**
 * The fast path must give exactly what the full parser gives, or step aside. Checked on every
 * YAML file of the repository (course content, fixtures, real-world manifests), on the shapes of
 * YAML that manifests use, on what it must leave to the full parser, and on thousands of broken
 * variants of the fixtures: whenever the fast path accepts a text, the full parser accepts it
 * too and agrees on every value.
 */

const repo = join(import.meta.dirname, "..", "..");

function yamlFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (name.startsWith(".") || name === "node_modules") return [];
		if (statSync(path).isDirectory()) return yamlFiles(path);
		return /\.ya?ml$/.test(name) ? [path] : [];
	});
}

/** The full parser's documents as JavaScript values, or "error". */
function full(text: string): unknown[] | "error" {
	const documents = parseAllDocuments(text, { prettyErrors: false });
	const list = Array.isArray(documents) ? documents : [];
	if (list.some((d) => d.errors.length > 0)) return "error";
	return list.map((d) => d.toJS());
}

/** JSON that keeps NaN and the infinities apart from null. */
const same = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? `number:${v}` : v));

function expectAgreement(text: string, label: string): boolean {
	const fast = fastDocuments(text);
	if (fast === undefined) return false;
	const expected = full(text);
	expect(expected, `${label}: the fast path accepted what the full parser refuses`).not.toBe("error");
	expect(same(fast.map((d) => d.value)), label).toBe(same(expected));
	return true;
}

const files = [...yamlFiles(join(repo, "content")), ...yamlFiles(join(repo, "test"))];

describe("YAML fast path", () => {
	it("agrees with the full parser on every YAML file of the repository, and reads most of them", () => {
		let fast = 0;
		for (const file of files) if (expectAgreement(readFileSync(file, "utf8"), file)) fast++;
		expect(files.length).toBeGreaterThan(200);
		expect(fast / files.length).toBeGreaterThan(0.9);
	});

	it.each([
		[
			"core schema scalars",
			"a: ~\nb: null\nc: True\nd: 0o17\ne: -12\nf: 0x1F\ng: .inf\nh: -.Inf\ni: .nan\nj: 1e3\nk: 1.50\nl: yes\nm: '007'\nn: \"x\\ty\"\no:\n",
		],
		["block scalars", "a: |\n  one\n  two\n\nb: |-\n  kept\nc: >\n  folded\n  line\n\n  para\nd: |+\n  keep\n\ne: |2\n    indented\n"],
		["multi-line plain and quoted scalars", "a: one\n  two\n  three\nb: 'it''s\n  folded'\nc: \"escaped \\\"quote\\\"\n  next\"\n"],
		[
			"sequences, compact maps and flow collections",
			"items:\n- a: 1\n  b: [x, 'y', {c: d}]\n- - nested\n  - seq\n-\n- {}\n- []\nm: {a: 1, c: [1, 2]}\n",
		],
		["comments and document markers", "# head\n---\n# only a comment\n---\na: 1 # trailing\n# between\nb: 2\n...\n---\n- x\n"],
		["keys that are not strings", '1: one\ntrue: yes\n2.50: float\n~: nothing\n"quoted": q\n'],
		["CRLF line endings and a BOM", "\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\ndata:\r\n  a: |\r\n    line\r\n"],
	])("reads %s exactly as the full parser does", (_name, text) => {
		expect(expectAgreement(text, _name)).toBe(true);
	});

	it.each([
		["an anchor and an alias", "a: &x 1\nb: *x\n"],
		["a tag", "a: !!str 1\n"],
		["a directive", "%YAML 1.2\n---\na: 1\n"],
		["an explicit key", "? a\n: 1\n"],
		["a merge key", "base: {a: 1}\nderived:\n  <<: {a: 1}\n"],
		["a duplicate key", "a: 1\na: 2\n"],
		["a __proto__ key", "__proto__: x\n"],
		["a tab in the indentation", "a:\n\tb: 1\n"],
		["a nested compact map", "a: b: c\n"],
		["a missing comma in a flow map", "{a: b c: d}\n"],
		["a leading comma in a flow sequence", "[, a]\n"],
		["a missing colon in a flow map", "{a {b: c}}\n"],
		["a block map on the --- line", "--- a: 1\n"],
		["an unclosed flow collection", "a: [1, 2\nb: 3\n"],
		["a multi-line implicit key", "a\nb: 1\n"],
	])("leaves %s to the full parser", (_name, text) => {
		expect(fastDocuments(text)).toBeUndefined();
	});

	it("gives the offsets of documents and of a List's items", () => {
		const text = "# c\n---\napiVersion: v1\nkind: List\nitems:\n  - kind: A\n  -   kind: B\n";
		const [doc] = fastDocuments(text) ?? [];
		expect(doc?.offset).toBe(text.indexOf("apiVersion"));
		expect(doc?.itemOffsets).toEqual([text.indexOf("kind: A"), text.indexOf("kind: B")]);
	});

	it("never accepts a broken variant of the fixtures that the full parser refuses", () => {
		let seed = 12;
		const random = (n: number) => {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			return seed % n;
		};
		const noise = [":", "-", " ", "\t", "{", "}", "[", "]", '"', "'", "#", "\n", ",", "|", ">", "&a ", "*a", "? "];
		const samples = files.filter((_, i) => i % 3 === 0).map((file) => readFileSync(file, "utf8"));
		let accepted = 0;
		for (const text of samples) {
			for (let n = 0; n < 12; n++) {
				const at = random(text.length + 1);
				const lines = text.split("\n");
				const line = random(lines.length);
				const variant = [
					() => text.slice(0, at) + text.slice(at + 1),
					() => text.slice(0, at) + noise[random(noise.length)] + text.slice(at),
					() => lines.map((l, i) => (i === line ? `  ${l}` : l)).join("\n"),
					() => lines.map((l, i) => (i === line ? l.replace(/^ {1,2}/, "") : l)).join("\n"),
				][random(4)]?.() as string;
				if (expectAgreement(variant, `a variant of a fixture: ${JSON.stringify(variant.slice(Math.max(0, at - 40), at + 40))}`)) accepted++;
			}
		}
		expect(accepted).toBeGreaterThan(500);
	});
});
