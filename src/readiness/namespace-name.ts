/**
 * Namespace names as the API server accepts them: an RFC 1123 label. Checked in one place by
 * the chat command, the CLI and the live reader, so all three say the same thing.
 */
const NAMESPACE_NAME = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isNamespaceName(name: string): boolean {
	return NAMESPACE_NAME.test(name);
}

/** Why `name` is refused, in one sentence without a trailing period. */
export function namespaceNameProblem(name: string): string {
	return `"${name}" is not a namespace name: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit`;
}
