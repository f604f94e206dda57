// npm run bench: every benchmark in one process, one after another, each printing its figures.
import { existsSync } from "node:fs";
import { join } from "node:path";

const benches = [
	"explain",
	"readiness",
	"readiness-file",
	"readiness-live",
	"store",
	"participation",
	"schedule",
	"seam",
	"discord",
	"slack-http",
	"slack-fanout",
	"slack-answers",
	"runtime",
];

console.log(`kubecoach benchmarks · Node ${process.version} · ${new Date().toISOString()}`);
for (const name of benches) {
	const file = join(import.meta.dirname, `${name}.ts`);
	if (!existsSync(file)) continue;
	const bench = (await import(file)) as { default: () => Promise<void> };
	await bench.default();
}
