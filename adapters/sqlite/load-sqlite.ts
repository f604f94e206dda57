/**
 * Loads node:sqlite without its "ExperimentalWarning: SQLite is an experimental feature" line.
 * Node 24.15 and later print nothing (the module is a release candidate there); the earlier Node 24
 * releases the project allows (engines: >=24.11) print it on the user's terminal on first load.
 * That one warning is dropped while the module loads; every other warning goes through untouched.
 * A static `import ... from "node:sqlite"` would warn before any code of ours runs, hence require.
 */
import { createRequire } from "node:module";
import type * as Sqlite from "node:sqlite";

/** The text Node 22 and 24 print (lib/internal/util.js emitExperimentalWarning("SQLite")). */
const SQLITE_WARNING = /^SQLite is an experimental feature/;

/** Runs `load` with process.emitWarning dropping the SQLite experimental warning only. */
export function withoutSqliteWarning<T>(load: () => T): T {
	const emit = process.emitWarning;
	process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
		const message = typeof warning === "string" ? warning : warning.message;
		if (SQLITE_WARNING.test(message)) return;
		(emit as (...args: unknown[]) => void).call(process, warning, ...rest);
	}) as typeof process.emitWarning;
	try {
		return load();
	} finally {
		process.emitWarning = emit;
	}
}

let loaded: typeof Sqlite | undefined;

export function loadSqlite(): typeof Sqlite {
	loaded ??= withoutSqliteWarning(() => createRequire(import.meta.url)("node:sqlite") as typeof Sqlite);
	return loaded;
}
