/** The time, as a port: the scheduler and quiz deadlines read it, tests pass a clock they move. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests and benchmarks. */
export class ManualClock implements Clock {
	private current: number;

	constructor(start: Date | string) {
		this.current = new Date(start).getTime();
	}

	now(): Date {
		return new Date(this.current);
	}

	set(at: Date | string): void {
		this.current = new Date(at).getTime();
	}

	advance(ms: number): Date {
		this.current += ms;
		return this.now();
	}
}
