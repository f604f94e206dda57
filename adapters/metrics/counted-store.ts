/**
 * A Store that counts its failed operations (kubecoach_store_errors_total) and otherwise is the
 * store it wraps: every call goes through unchanged, its error rethrown as it was.
 */
import type { Metrics } from "../../src/ports/metrics.ts";
import type { Store } from "../../src/ports/store.ts";

export function countedStore(store: Store, metrics: Metrics): Store {
	return new Proxy(store, {
		get(target, property, receiver) {
			const value: unknown = Reflect.get(target, property, receiver);
			if (typeof value !== "function" || typeof property !== "string") return value;
			return (...args: unknown[]) => {
				let result: unknown;
				try {
					result = (value as (...a: unknown[]) => unknown).apply(target, args);
				} catch (error) {
					metrics.storeError(property);
					throw error;
				}
				if (!(result instanceof Promise)) return result;
				return result.catch((error: unknown) => {
					metrics.storeError(property);
					throw error;
				});
			};
		},
	});
}
