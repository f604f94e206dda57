import { z } from "zod";

/** Settings from the environment; the composition root is the only reader of process.env. */
const configSchema = z.object({
	KUBECOACH_CONTENT_DIR: z.string().min(1).default("content"),
	KUBECOACH_COURSE: z.string().min(1).default("k8s-production-mastery"),
	KUBECOACH_DATA_DIR: z.string().min(1).default(".kubecoach"),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, "a URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380")
		.optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
	readonly code = "config-invalid";
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
	const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
	const result = configSchema.safeParse(defined);
	if (!result.success) {
		const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
		throw new ConfigError(`The environment is not a valid kubecoach configuration:\n  ${problems.join("\n  ")}`);
	}
	return result.data;
}
