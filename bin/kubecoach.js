#!/usr/bin/env node
// Launcher: kubecoach is TypeScript run by Node 24's type stripping. Older Node versions cannot
// load it, so say how to get the right one instead of failing with a syntax error.
const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
	process.stderr.write(
		`kubecoach needs Node.js 24 or newer; this is ${process.version}.\n` +
			"Run it through npm (npx kubecoach ..., npm start), which uses the node@24 installed by npm ci, or install Node 24.\n",
	);
	process.exit(2);
}
// Node keeps the compiled, type-stripped modules beside kubecoach's own node_modules (never shared
// through the temporary folder): later starts skip most of the parsing. A folder that cannot be
// written only means that nothing is cached.
if (process.env.NODE_COMPILE_CACHE === undefined) {
	const { enableCompileCache } = await import("node:module");
	enableCompileCache?.(new URL("../node_modules/.cache/kubecoach/compile", import.meta.url).pathname);
}
const { main } = await import("./cli.ts");
await main();
