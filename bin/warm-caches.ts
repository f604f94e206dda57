/**
 * `node bin/warm-caches.ts`: fills, without starting anything, what a start would otherwise build:
 * the validated course (with its explain tokens and English table, beside node_modules) and Node's
 * compile cache of every kubecoach module, type-stripped and compiled. deploy/Dockerfile runs it at
 * build time, where the image's files are still writable: the bot then starts without parsing the
 * course's YAML, loading Node's TypeScript stripper or compiling its sources (about 20 MB less idle
 * memory and a faster start; `npm run bench` measures the bot started so).
 *
 * The compile cache goes to NODE_COMPILE_CACHE, else where bin/kubecoach.js keeps it. Node keeps
 * one per user id: run this as the user that runs the bot.
 */
import { readdirSync } from "node:fs";
import { enableCompileCache, flushCompileCache, getCompileCacheDir } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
/** The folders whose modules the bot and the command line load; tests and benches stay out. */
const SOURCE_DIRS = ["bin", "src", "adapters", "jobs"];

function modulesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
		.map((entry) => join(entry.parentPath, entry.name));
}

export async function warmCaches(): Promise<string> {
	if (getCompileCacheDir() === undefined) enableCompileCache(join(root, "node_modules", ".cache", "kubecoach", "compile"));
	const cacheDir = getCompileCacheDir();
	if (cacheDir === undefined) throw new Error("Node could not open a compile cache folder; set NODE_COMPILE_CACHE to a writable one");
	const { loadConfig } = await import("./load-config.ts");
	const { loadConfiguredCourse, cacheDir: courseCacheDir } = await import("./load-course.ts");
	const { config } = loadConfig({ env: process.env, cwd: root });
	const course = await loadConfiguredCourse(config, root);
	// Kept beside the course now, not at the first question: the image's cache folder is read-only.
	const { primeEnglishTable } = await import("./english-cache.ts");
	primeEnglishTable(courseCacheDir);
	const self = import.meta.filename;
	const modules = SOURCE_DIRS.flatMap((dir) => modulesUnder(join(root, dir))).filter((file) => file !== self);
	// Every bin/ entry point runs only as the main module (import.meta.main), so importing starts nothing.
	for (const file of modules) await import(pathToFileURL(file).href);
	flushCompileCache();
	return `kubecoach: cached the course "${course.meta.id}" and the English word table in ${relative(root, courseCacheDir)} and compiled ${modules.length} modules into ${cacheDir}`;
}

if (import.meta.main) {
	const { runMain } = await import("./run-main.ts");
	await runMain(async (io) => {
		io.stdout.write(`${await warmCaches()}\n`);
		return 0;
	});
}
