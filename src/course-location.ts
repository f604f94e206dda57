/**
 * The two settings that say where the course pack is, with their defaults. Apart from the
 * configuration schema so that a command that needs only the course (`kubecoach explain`) reads
 * them without loading the schema library, which costs a tenth of that command's start-up CPU.
 */
export const COURSE_LOCATION_DEFAULTS = {
	KUBECOACH_CONTENT_DIR: "content",
	KUBECOACH_COURSE: "k8s-production-mastery",
} as const;

export interface CourseLocation {
	readonly KUBECOACH_CONTENT_DIR: string;
	readonly KUBECOACH_COURSE: string;
}

/** The location from the environment alone; an empty value counts as unset, as everywhere in the configuration. */
export function courseLocationFromEnv(env: Readonly<Record<string, string | undefined>>): CourseLocation {
	return {
		KUBECOACH_CONTENT_DIR: env.KUBECOACH_CONTENT_DIR || COURSE_LOCATION_DEFAULTS.KUBECOACH_CONTENT_DIR,
		KUBECOACH_COURSE: env.KUBECOACH_COURSE || COURSE_LOCATION_DEFAULTS.KUBECOACH_COURSE,
	};
}
