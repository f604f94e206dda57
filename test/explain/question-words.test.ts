import { describe, expect, it } from "vitest";
import { askerWords } from "../../src/explain/asker-words.ts";
import { findNames, isCompound } from "../../src/explain/question-names.ts";
import { tokens } from "../../src/explain/text.ts";

describe("reading a question's words", () => {
	it("keeps codes engineers write as words, and still drops hashes and amounts", () => {
		expect(tokens("5xx rate and p99 latency, x509 errors, base64 and sha256, 4XX")).toEqual(
			expect.arrayContaining(["5xx", "p99", "x509", "base64", "sha256", "4xx"]),
		);
		expect(tokens("api-5f7c9d8b4-q8zrt took 250ms, 7d9f8c6b5")).not.toEqual(expect.arrayContaining(["q8zrt", "250ms", "7d9f8c6b5"]));
	});

	it("takes a hyphenated English compound after a kind word as a word, an instance name as a name", () => {
		for (const compound of ["cluster-wide", "read-only", "out-of-memory", "cross-zone", "multi-tenant", "non-root"]) {
			expect(isCompound(compound), compound).toBe(true);
		}
		for (const name of ["api-gateway", "web-7", "payments-api", "db-0", "checkout"]) expect(isCompound(name), name).toBe(false);
		const found = findNames("give the sre group read access in every namespace cluster-wide");
		expect(found.names).toEqual({});
		expect(found.masked).toContain("cluster-wide");
		expect(findNames("why does pod api-gateway keep restarting").names).toEqual({ pod: "api-gateway" });
	});

	it("finds the asker's own lines around pasted output, and nothing when the question is all one or the other", () => {
		const question = [
			"spring boot app takes ~150s to boot and never finishes starting:",
			"Warning  Unhealthy  95s (x3 over 115s)  kubelet  Liveness probe failed: connection refused",
			"Normal   Killing    95s                 kubelet  Container ledger failed liveness probe, will be restarted",
		].join("\n");
		expect(askerWords(question)).toBe("spring boot app takes ~150s to boot and never finishes starting:");
		expect(askerWords("why is my pod pending")).toBeUndefined();
		expect(askerWords("NAME   READY   STATUS\nweb-0  0/1     Pending")).toBeUndefined();
	});
});
