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
const { main } = await import("./cli.ts");
await main();
