import { createRequire } from "node:module";

type Yaml = typeof import("yaml");

let loaded: Yaml | undefined;

/**
 * The yaml package, loaded on first use (about 25 ms of CPU): a start that reads no YAML (a kept
 * course, no configuration file, as `kubecoach explain` usually is) does not pay for it. Node
 * resolves `import "yaml"` to this same CommonJS build, so every caller shares one instance.
 */
export function yaml(): Yaml {
	loaded ??= createRequire(import.meta.url)("yaml") as Yaml;
	return loaded;
}
