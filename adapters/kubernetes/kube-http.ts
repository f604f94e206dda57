import { HttpMethod, IsomorphicFetchHttpLibrary, type KubeConfig, RequestContext } from "@kubernetes/client-node";

/** What one GET came back with: the HTTP status and the parsed JSON body (undefined when not JSON). */
export interface KubeResponse {
	readonly status: number;
	readonly body: unknown;
}

/**
 * A request that never got an HTTP answer. `kind` tells the reader which ClusterReadError code
 * (or which snapshot reason) it becomes; `detail` is the low-level cause for the message.
 */
export class KubeTransportError extends Error {
	readonly kind: "timeout" | "unreachable" | "credentials";
	readonly detail: string;

	constructor(kind: KubeTransportError["kind"], detail: string) {
		super(`${kind}: ${detail}`);
		this.name = "KubeTransportError";
		this.kind = kind;
		this.detail = detail;
	}
}

export interface KubeGet {
	(path: string, query?: Readonly<Record<string, string>>): Promise<KubeResponse>;
	/** Closes this reader's connections; call once the read is over. */
	close(): Promise<void>;
}

type Dispatcher = NonNullable<ReturnType<RequestContext["getDispatcher"]>>;

// The reader must never touch Secrets, not even their metadata. The plan never names them; this
// guard makes a future mistake fail loudly instead of leaking into a production audit.
const SECRET_PATH = /(^|\/)secrets(\/|$)/;

/**
 * GETs through client-node's own transport: `applySecurityAuthentication` supplies the TLS
 * dispatcher (CA, client certificates) and the credentials (token,
 * exec and OIDC plugins); the library's fetch layer sends. We do not use the generated typed APIs
 * because they turn JSON into model classes (Date objects, `_continue`, unknown fields dropped) and
 * the snapshot keeps the API's JSON shape; one generic path also serves CRDs and discovery alike.
 */
export function createKubeGet(kc: KubeConfig, server: string, timeoutMs: number): KubeGet {
	const base = server.replace(/\/+$/, "");
	const http = new IsomorphicFetchHttpLibrary();
	// client-node builds a new undici Agent on every applySecurityAuthentication call, so each
	// request would open its own TCP+TLS connection. TLS settings are fixed for one context, so the
	// first dispatcher is kept and reused (keep-alive), and the per-request ones are dropped unused.
	let shared: Dispatcher | undefined;
	const get = async (path: string, query: Readonly<Record<string, string>> = {}): Promise<KubeResponse> => {
		if (SECRET_PATH.test(path)) throw new Error(`refusing to read Secrets (${path})`);
		const url = new URL(base + path);
		for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
		const ctx = new RequestContext(url.toString(), HttpMethod.GET);
		ctx.setHeaderParam("Accept", "application/json");
		try {
			await kc.applySecurityAuthentication(ctx);
		} catch (error) {
			throw credentialsOrTransport(error);
		}
		const fresh = ctx.getDispatcher();
		if (shared === undefined) shared = fresh;
		else if (fresh !== undefined) {
			ctx.setDispatcher(shared);
			fresh.close().catch(() => undefined);
		}
		// One deadline for the whole exchange, body included: a server that sends headers and then
		// stalls must not hang the audit.
		const signal = AbortSignal.timeout(timeoutMs);
		ctx.setSignal(signal);
		try {
			const response = await http.send(ctx).toPromise();
			const text = await response.body.text();
			return { status: response.httpStatusCode, body: parseJson(text) };
		} catch (error) {
			if (signal.aborted) throw new KubeTransportError("timeout", `no answer within ${timeoutMs} ms`);
			throw classify(error);
		}
	};
	return Object.assign(get, {
		close: async () => {
			await shared?.close();
		},
	});
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function credentialsOrTransport(error: unknown): KubeTransportError {
	const message = error instanceof Error ? error.message : String(error);
	// client-node throws this plain Error while building the dispatcher for an http:// server.
	if (message.includes("HTTP protocol is not allowed")) {
		return new KubeTransportError("unreachable", message);
	}
	return new KubeTransportError("credentials", message);
}

function classify(error: unknown): KubeTransportError {
	if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
		return new KubeTransportError("timeout", error.message);
	}
	const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
	const code = typeof cause?.code === "string" ? cause.code : undefined;
	const causeMessage = typeof cause?.message === "string" ? cause.message : undefined;
	if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
		return new KubeTransportError("timeout", code);
	}
	if (code !== undefined && /CERT|SIGNATURE|SELF_SIGNED|TLS|SSL/.test(code)) {
		return new KubeTransportError(
			"unreachable",
			`TLS verification failed (${code}); check the cluster's certificate-authority in the kubeconfig`,
		);
	}
	const detail = [code, causeMessage ?? (error instanceof Error ? error.message : String(error))]
		.filter((part) => part !== undefined)
		.join(": ");
	return new KubeTransportError("unreachable", detail);
}
