/**
 * The shape every contract suite here shares: a list of named checks, each runnable against any
 * subject. describeContract runs them against a real implementation; describeBrokenContract runs
 * them against a deliberately broken fake and requires each to fail there, so that no check can
 * pass whatever the implementation does.
 */
import { describe, expect, it } from "vitest";

export interface Check<Subject> {
	readonly name: string;
	run(subject: Subject): Promise<void>;
}

export interface Closable {
	close(): Promise<void>;
}

async function withSubject<Subject extends Closable>(
	make: () => Promise<Subject>,
	use: (subject: Subject) => Promise<void>,
): Promise<void> {
	const subject = await make();
	try {
		await use(subject);
	} finally {
		await subject.close();
	}
}

export function describeContract<Subject extends Closable>(
	title: string,
	checks: readonly Check<Subject>[],
	make: () => Promise<Subject>,
): void {
	describe(title, () => {
		for (const check of checks) it(check.name, () => withSubject(make, (subject) => check.run(subject)));
	});
}

export function describeBrokenContract<Subject extends Closable>(
	title: string,
	checks: readonly Check<Subject>[],
	make: () => Promise<Subject>,
): void {
	describe(title, () => {
		for (const check of checks) {
			it(`fails: ${check.name}`, () => withSubject(make, async (subject) => expect(check.run(subject)).rejects.toThrow()));
		}
	});
}
