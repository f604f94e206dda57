// Adds lock entries for the platform-specific optional packages (other OS/CPU builds of biome,
// rollup, ...) that this machine's npm leaves out of package-lock.json. Without them `npm ci`
// stops with "Missing: <pkg>@ from lock file" on every machine, this one included.
// The registry mirror here serves only this platform's builds, so npm view is tried first and the
// os/cpu/libc fields are otherwise read from the package name: npm ci then skips those packages
// on platform grounds before it would fetch them.
// Run after `npm install` changes the lock: node scripts/complete-lockfile.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const text = readFileSync(path, "utf8");
const lock = JSON.parse(text);
const OSES = ["android", "darwin", "linux", "win32", "freebsd", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPUS = {
	x64: "x64",
	arm64: "arm64",
	arm: "arm",
	ia32: "ia32",
	ppc64: "ppc64",
	s390x: "s390x",
	riscv64: "riscv64",
	loong64: "loong64",
};
const packages = lock.packages;
let added = 0;

for (const [key, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		if (packages[`node_modules/${name}`] || packages[`${key}/node_modules/${name}`]) continue;
		const meta = registryMeta(name, version) ?? platformFromName(name, version);
		packages[`node_modules/${name}`] = {
			version: meta.version,
			...(meta.dist?.integrity ? { integrity: meta.dist.integrity } : {}),
			...(meta.cpu ? { cpu: meta.cpu } : {}),
			...(entry.dev ? { dev: true } : {}),
			...(meta.libc ? { libc: meta.libc } : {}),
			...(meta.license ? { license: meta.license } : {}),
			optional: true,
			...(meta.os ? { os: meta.os } : {}),
			...(meta.engines ? { engines: meta.engines } : {}),
		};
		added++;
	}
}

function registryMeta(name, version) {
	try {
		const view = JSON.parse(
			execFileSync("npm", ["view", `${name}@${version}`, "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
		);
		return Array.isArray(view) ? view.at(-1) : view;
	} catch {
		return undefined;
	}
}

/** "@rollup/rollup-linux-arm-musleabihf" → os linux, cpu arm, libc musl. */
function platformFromName(name, version) {
	const parts = name.split("/").at(-1).split("-");
	const os = parts.find((part) => OSES.includes(part));
	const cpu = parts.map((part) => CPUS[part]).find(Boolean);
	if (!os || !cpu) throw new Error(`${name}: not in the registry and no os/cpu in its name; add its lock entry by hand`);
	const libc = os === "linux" ? (parts.some((part) => part.startsWith("musl")) ? "musl" : "glibc") : undefined;
	return { version, os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
lock.packages = sorted;
const indent = text.match(/^\s+/m)?.[0] ?? "  ";
writeFileSync(path, `${JSON.stringify(lock, null, indent)}\n`);
console.log(`package-lock.json: added ${added} platform-specific optional package entries`);
