/**
 * How a contract suite registers its cases: with vitest (the default), or with a collector that
 * keeps them to run by hand against a deliberately broken fake, where each case is expected to
 * fail or pass as the defect dictates (store.broken.test.ts, run-coordinator.broken.test.ts).
 */
import { afterEach, beforeEach, describe, it } from "vitest";

export interface SuiteApi {
	describe(name: string, body: () => void): void;
	it(name: string, body: () => Promise<void>): void;
	beforeEach(hook: () => Promise<void>): void;
	afterEach(hook: () => Promise<void>): void;
}

export const vitestSuite: SuiteApi = { describe, it, beforeEach, afterEach };

export interface CollectedCase {
	/** The describe names and the case's, joined with " > ". */
	readonly name: string;
	/** Runs the before hooks in scope, the case, then the after hooks; rejects when the case fails. */
	run(): Promise<void>;
}

interface Scope {
	readonly before: (() => Promise<void>)[];
	readonly after: (() => Promise<void>)[];
}

/** Registers a suite into a list of cases instead of vitest. */
export function collectCases(register: (api: SuiteApi) => void): CollectedCase[] {
	const cases: CollectedCase[] = [];
	const names: string[] = [];
	const scopes: Scope[] = [{ before: [], after: [] }];
	const current = () => scopes[scopes.length - 1] ?? { before: [], after: [] };
	register({
		describe(name, body) {
			names.push(name);
			scopes.push({ before: [], after: [] });
			body();
			scopes.pop();
			names.pop();
		},
		it(name, body) {
			const inScope = [...scopes];
			cases.push({
				name: [...names, name].join(" > "),
				async run() {
					for (const scope of inScope) for (const hook of scope.before) await hook();
					try {
						await body();
					} finally {
						for (const scope of [...inScope].reverse()) for (const hook of scope.after) await hook();
					}
				},
			});
		},
		beforeEach(hook) {
			current().before.push(hook);
		},
		afterEach(hook) {
			current().after.push(hook);
		},
	});
	return cases;
}

/** The names of the cases that fail. */
export async function failingCases(cases: readonly CollectedCase[]): Promise<string[]> {
	const failing: string[] = [];
	for (const testCase of cases) {
		try {
			await testCase.run();
		} catch {
			failing.push(testCase.name);
		}
	}
	return failing;
}
