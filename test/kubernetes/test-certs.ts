import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCertificates {
	/** The CA the kubeconfig trusts (certificate-authority-data). */
	readonly caPem: string;
	/** The server's certificate (SAN IP:127.0.0.1, localhost) and key, signed by that CA. */
	readonly certPem: string;
	readonly keyPem: string;
	/** An unrelated CA: trusting it instead must make TLS fail. */
	readonly otherCaPem: string;
}

let cached: TestCertificates | undefined;

/**
 * Creates a throwaway CA and a server certificate with openssl in a temp dir, once per process.
 * The SAN is mandatory: Node ignores the CN when it checks the host name.
 */
export function testCertificates(): TestCertificates {
	if (cached) return cached;
	const dir = mkdtempSync(join(tmpdir(), "kubecoach-ca-"));
	const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
	try {
		const ca = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"];
		openssl(
			"req",
			"-x509",
			"-newkey",
			"rsa:2048",
			"-nodes",
			"-keyout",
			"ca.key",
			"-out",
			"ca.crt",
			"-days",
			"2",
			"-subj",
			"/CN=kubecoach-test-ca",
			...ca,
		);
		openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=fake-apiserver");
		writeFileSync(join(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
		openssl(
			"x509",
			"-req",
			"-in",
			"server.csr",
			"-CA",
			"ca.crt",
			"-CAkey",
			"ca.key",
			"-CAcreateserial",
			"-out",
			"server.crt",
			"-days",
			"2",
			"-extfile",
			"server.ext",
		);
		openssl(
			"req",
			"-x509",
			"-newkey",
			"rsa:2048",
			"-nodes",
			"-keyout",
			"other.key",
			"-out",
			"other.crt",
			"-days",
			"2",
			"-subj",
			"/CN=unrelated-ca",
			...ca,
		);
		const read = (name: string) => readFileSync(join(dir, name), "utf8");
		cached = { caPem: read("ca.crt"), certPem: read("server.crt"), keyPem: read("server.key"), otherCaPem: read("other.crt") };
		return cached;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** A kubeconfig with one context per entry, all using the bearer token. */
export function kubeconfigYaml(
	contexts: readonly { name: string; server: string; caPem: string; token: string }[],
	current?: string,
): string {
	const clusters = contexts.map(
		(c) =>
			`- name: ${c.name}\n  cluster:\n    server: ${c.server}\n    certificate-authority-data: ${Buffer.from(c.caPem).toString("base64")}\n`,
	);
	const users = contexts.map((c) => `- name: ${c.name}-user\n  user:\n    token: ${c.token}\n`);
	// Every context names a user: without one client-node skips the CA entirely (platforms.md).
	const ctxs = contexts.map((c) => `- name: ${c.name}\n  context:\n    cluster: ${c.name}\n    user: ${c.name}-user\n`);
	return [
		"apiVersion: v1",
		"kind: Config",
		`current-context: ${current ?? contexts[0]?.name ?? ""}`,
		"clusters:",
		...clusters,
		"users:",
		...users,
		"contexts:",
		...ctxs,
	].join("\n");
}
