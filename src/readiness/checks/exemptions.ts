import { COMPLETE_ITEMS, type Exemption, type ItemId } from "./types.ts";

/**
 * Exemptions are annotations on the workload (or its pod template):
 *   kubecoach.io/exempt-<item>: "<reason>; expires=2027-01-31"
 * A reason is required; `expires` (a date, valid through that day UTC, or an ISO date-time) is
 * optional. An exemption is shown with its reason, never hidden. An expired, reason-less or
 * malformed one is ignored and the report says why.
 */
export const EXEMPT_PREFIX = "kubecoach.io/exempt-";

export type ExemptionRead =
	| { readonly kind: "valid"; readonly item: ItemId; readonly exemption: Exemption }
	| { readonly kind: "ignored"; readonly item: ItemId | undefined; readonly key: string; readonly why: string };

export function readExemptions(annotations: Readonly<Record<string, string>>, now: Date): ExemptionRead[] {
	const reads: ExemptionRead[] = [];
	for (const key in annotations) {
		if (!key.startsWith(EXEMPT_PREFIX)) continue;
		const value = annotations[key] ?? "";
		const name = key.slice(EXEMPT_PREFIX.length);
		const item = (COMPLETE_ITEMS as readonly string[]).includes(name) ? (name as ItemId) : undefined;
		if (item === undefined) {
			reads.push({ kind: "ignored", item, key, why: `"${name}" is not a checklist item (${COMPLETE_ITEMS.join(", ")})` });
			continue;
		}
		reads.push(parseExemption(item, key, value, now));
	}
	return reads;
}

function parseExemption(item: ItemId, key: string, value: string, now: Date): ExemptionRead {
	const parts = value.split(";").map((p) => p.trim());
	const expiryPart = parts.find((p) => /^expires\s*=/i.test(p));
	const reason = parts.filter((p) => p !== expiryPart && p !== "").join("; ");
	if (reason === "") return { kind: "ignored", item, key, why: "an exemption needs a reason" };
	if (expiryPart === undefined) return { kind: "valid", item, exemption: { reason } };
	const raw = expiryPart.replace(/^expires\s*=\s*/i, "");
	const expires = parseExpiry(raw);
	if (expires === undefined) {
		return { kind: "ignored", item, key, why: `expires=${raw} is not a date (use YYYY-MM-DD)` };
	}
	if (expires.getTime() <= now.getTime()) {
		return { kind: "ignored", item, key, why: `it expired on ${raw}` };
	}
	return { kind: "valid", item, exemption: { reason, expires: raw } };
}

function parseExpiry(raw: string): Date | undefined {
	if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
		const date = new Date(`${raw}T00:00:00Z`);
		if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) return undefined;
		// A date means "through that day".
		return new Date(date.getTime() + 24 * 60 * 60 * 1000);
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(raw)) return undefined;
	const date = new Date(raw);
	return Number.isNaN(date.getTime()) ? undefined : date;
}
