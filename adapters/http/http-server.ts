/**
 * The bot's one HTTP server, on PORT: adapters mount their paths on it (Slack's HTTP mode serves
 * /slack/events; health and metrics join it later). A path nobody mounted answers 404, a listener
 * that throws answers 500, and neither stops the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpRoutes } from "../../src/chat/chat-adapter.ts";
import { type Logger, silentLogger } from "../../src/ports/logger.ts";

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** The port could not be opened (in use, not permitted): a configuration problem, said in one line. */
export class HttpListenError extends Error {
	readonly code = "http-listen";
}

export class HttpServer implements HttpRoutes {
	readonly #routes = new Map<string, Listener>();
	readonly #logger: Logger;
	#server: Server | undefined;

	constructor(options: { readonly logger?: Logger } = {}) {
		this.#logger = options.logger ?? silentLogger;
	}

	route(path: string, listener: Listener): void {
		if (!path.startsWith("/")) throw new Error(`An HTTP route starts with "/": ${path}`);
		if (this.#routes.has(path)) throw new Error(`Two handlers for the HTTP path ${path}`);
		this.#routes.set(path, listener);
	}

	/** True when some adapter mounted a path: only then does the bot need to listen. */
	get hasRoutes(): boolean {
		return this.#routes.size > 0;
	}

	/** Starts listening; resolves to the port (useful with port 0). */
	async listen(port: number, host?: string): Promise<number> {
		if (this.#server) throw new Error("The HTTP server is already listening");
		const server = createServer((request, response) => this.#handle(request, response));
		// Slow clients cannot hold a connection open forever (Slack sends small bodies at once).
		server.requestTimeout = 15_000;
		server.headersTimeout = 10_000;
		await new Promise<void>((resolve, reject) => {
			const failed = (error: NodeJS.ErrnoException) => {
				const where = `${host ?? "all interfaces"} port ${port}`;
				const why =
					error.code === "EADDRINUSE" ? "it is in use by another process" : error.code === "EACCES" ? "it needs privileges" : error.message;
				reject(new HttpListenError(`Cannot listen on ${where}: ${why}. Set PORT to a free port.`, { cause: error }));
			};
			server.once("error", failed);
			server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
				server.off("error", failed);
				resolve();
			});
		});
		server.on("error", (error) => this.#logger.error(`HTTP server: ${error.message}`));
		this.#server = server;
		return (server.address() as AddressInfo).port;
	}

	/** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then closes the rest. Safe to call twice. */
	async close(graceMs = 5000): Promise<void> {
		const server = this.#server;
		if (!server) return;
		this.#server = undefined;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeIdleConnections();
		const timer = setTimeout(() => server.closeAllConnections(), graceMs);
		await closed;
		clearTimeout(timer);
	}

	#handle(request: IncomingMessage, response: ServerResponse): void {
		const path = (request.url ?? "/").split("?", 1)[0] ?? "/";
		const listener = this.#routes.get(path);
		if (!listener) {
			request.resume();
			response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
			return;
		}
		try {
			listener(request, response);
		} catch (error) {
			this.#logger.error(`HTTP ${request.method ?? "?"} ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
			if (!response.headersSent) response.writeHead(500).end();
			else response.end();
		}
	}
}
