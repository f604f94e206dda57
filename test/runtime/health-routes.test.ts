/**
 * /healthz, /readyz and /metrics on the bot's real HTTP server, over real HTTP: the core's real
 * router counts into prom-client, a failing store makes /readyz answer 503 with the reason and
 * counts in kubecoach_store_errors_total.
 */
import { afterEach, describe, expect, it } from "vitest";
import { mountHealthRoutes, probeStore } from "../../adapters/http/health-routes.ts";
import { HttpServer } from "../../adapters/http/http-server.ts";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { countedStore } from "../../adapters/metrics/counted-store.ts";
import { PromMetrics } from "../../adapters/metrics/prom-metrics.ts";
import { createCore } from "../../src/app.ts";
import type { CommandContext } from "../../src/router/command.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { mainCourse } from "../helpers/course.ts";

const context: CommandContext = {
	platform: "console",
	workspaceId: "console:local",
	channelId: "console:local:channel",
	userId: "console:local:user",
	groups: [],
};

class UnreachableStore extends MemoryStore {
	override async getChannel(): Promise<never> {
		throw new Error("connect ECONNREFUSED 127.0.0.1:1");
	}
}

let server: HttpServer | undefined;
afterEach(async () => {
	await server?.close();
	server = undefined;
});

async function serve(store: MemoryStore, metrics: PromMetrics, stopping = () => false) {
	server = new HttpServer();
	const counted = countedStore(store, metrics);
	mountHealthRoutes(server, {
		metrics: () => metrics.text(),
		notReady: async () => {
			const problem = await probeStore(counted, 1000);
			return [...(stopping() ? ["shutting down"] : []), ...(problem ? [problem] : [])];
		},
	});
	const port = await server.listen(0, "127.0.0.1");
	return async (path: string) => {
		const response = await fetch(`http://127.0.0.1:${port}${path}`);
		return { status: response.status, body: await response.text() };
	};
}

describe("the health endpoints", () => {
	it("say alive and ready, and count commands, readiness runs and their durations", async () => {
		const metrics = new PromMetrics({ processMetrics: false });
		const get = await serve(new MemoryStore(), metrics);
		const { router } = createCore({ course: mainCourse(), readinessDemo: demoSnapshot, metrics });
		await router.handleCommand("explain", "OOMKilled", context);
		const readiness = await router.handleCommand("readiness", "--demo", context);
		await readiness.followUp?.();
		await router.handleAction("not-a-button-id", context);

		expect(await get("/healthz")).toEqual({ status: 200, body: "ok\n" });
		expect(await get("/readyz")).toEqual({ status: 200, body: "ready\n" });
		const { status, body } = await get("/metrics");
		expect(status).toBe(200);
		expect(body).toMatch(/^kubecoach_commands_total\{command="explain",outcome="ok"\} 1$/m);
		expect(body).toMatch(/^kubecoach_commands_total\{command="readiness",outcome="ok"\} 1$/m);
		expect(body).toMatch(/^kubecoach_readiness_runs_total\{outcome="fail"\} 1$/m);
		expect(body).toMatch(/^kubecoach_readiness_run_duration_seconds_count 1$/m);
		expect(body).not.toContain("process_resident_memory_bytes");
	});

	it("answer /readyz with 503 and each reason when the store fails or the bot is stopping, and count the store's errors", async () => {
		const metrics = new PromMetrics({ processMetrics: false });
		let stopping = false;
		const get = await serve(new UnreachableStore(), metrics, () => stopping);
		expect(await get("/healthz")).toEqual({ status: 200, body: "ok\n" });
		expect(await get("/readyz")).toEqual({ status: 503, body: "not ready:\n- the store fails: connect ECONNREFUSED 127.0.0.1:1\n" });
		stopping = true;
		expect((await get("/readyz")).body).toBe("not ready:\n- shutting down\n- the store fails: connect ECONNREFUSED 127.0.0.1:1\n");
		expect((await get("/metrics")).body).toMatch(/^kubecoach_store_errors_total\{operation="getChannel"\} 2$/m);
	});

	it("say the store is not ready when it does not answer in time", async () => {
		const silent = { getChannel: () => new Promise<never>(() => {}) };
		expect(await probeStore(silent, 20)).toBe("the store did not answer within 20 ms");
	});
});
