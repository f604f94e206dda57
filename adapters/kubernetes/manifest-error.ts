/** A manifest read that cannot go on: a path that does not exist, a broken file, nothing to audit. */
export class ManifestError extends Error {
	readonly code: "manifest-not-found" | "manifest-parse" | "manifest-invalid" | "manifest-empty";
	/** The file or path the message is about. */
	readonly path: string;

	constructor(code: ManifestError["code"], path: string, message: string) {
		super(message);
		this.name = "ManifestError";
		this.code = code;
		this.path = path;
	}
}
