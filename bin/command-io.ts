/** What a CLI command may touch of the process, passed in so that tests can run commands in-process. */
export interface CommandIo {
	readonly stdin: NodeJS.ReadableStream;
	readonly stdout: { write(text: string): unknown };
	readonly stderr: { write(text: string): unknown };
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
}
