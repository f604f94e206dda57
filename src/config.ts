import { z } from "zod";

/** Settings from the environment; only the composition root (bin/) reads the environment and passes it here. */
const configSchema = z.object({
	KUBECOACH_CONTENT_DIR: z.string().min(1).default("content"),
	KUBECOACH_COURSE: z.string().min(1).default("k8s-production-mastery"),
	KUBECOACH_DATA_DIR: z.string().min(1).default(".kubecoach"),
	/** Namespaces `/readiness` may audit from chat: comma-separated names, `*` matches any characters. */
	KUBECOACH_READINESS_NAMESPACES: z
		.string()
		.default("*")
		.transform((list) =>
			list
				.split(",")
				.map((entry) => entry.trim())
				.filter((entry) => entry !== ""),
		)
		.pipe(
			z
				.array(
					z.string().regex(/^[-a-z0-9*]{1,63}$/, 'namespace names or patterns such as "payments,team-*" (lower case, digits, "-", "*")'),
				)
				.min(1, 'at least one namespace or pattern; "*" allows every namespace'),
		),
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
