/** A small PNG decoder for tests (8-bit RGB or RGBA, not interlaced): node:zlib and the filters of the PNG spec. */
import { inflateSync } from "node:zlib";

export interface Pixels {
	readonly width: number;
	readonly height: number;
	/** RGBA, row by row. */
	readonly rgba: Uint8Array;
}

export function decodePng(png: Uint8Array): Pixels {
	const bytes = Buffer.from(png);
	if (!bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) throw new Error("not a PNG");
	let width = 0;
	let height = 0;
	let colourType = 0;
	const data: Buffer[] = [];
	for (let at = 8; at < bytes.length; ) {
		const length = bytes.readUInt32BE(at);
		const type = bytes.toString("ascii", at + 4, at + 8);
		const body = bytes.subarray(at + 8, at + 8 + length);
		if (type === "IHDR") {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			if (body[8] !== 8 || body[12] !== 0) throw new Error("only 8-bit, non-interlaced PNGs");
			colourType = body[9] ?? 0;
		} else if (type === "IDAT") data.push(body);
		at += 12 + length;
	}
	const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
	if (channels === 0) throw new Error(`colour type ${colourType} not supported`);
	const raw = inflateSync(Buffer.concat(data));
	const stride = width * channels;
	const out = new Uint8Array(width * height * channels);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		for (let x = 0; x < stride; x++) {
			const value = raw[y * (stride + 1) + 1 + x] ?? 0;
			const left = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0;
			const up = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
			const upLeft = y > 0 && x >= channels ? (out[(y - 1) * stride + x - channels] ?? 0) : 0;
			let predicted = 0;
			if (filter === 1) predicted = left;
			else if (filter === 2) predicted = up;
			else if (filter === 3) predicted = Math.floor((left + up) / 2);
			else if (filter === 4) {
				const p = left + up - upLeft;
				const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
				predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
			}
			out[y * stride + x] = (value + predicted) & 0xff;
		}
	}
	if (channels === 4) return { width, height, rgba: out };
	const rgba = new Uint8Array(width * height * 4);
	for (let i = 0; i < width * height; i++) {
		rgba.set(out.subarray(i * 3, i * 3 + 3), i * 4);
		rgba[i * 4 + 3] = 255;
	}
	return { width, height, rgba };
}

/**
 * Heights of the bars drawn in `colour` ("#1f77b4"), left to right: in each column, the longest
 * vertical run of pixels close to the colour (so a legend swatch above a bar does not add to it);
 * per run of adjacent columns with runs over `minHeight`, the tallest. Close, not equal, so that
 * anti-aliased edges do not matter.
 */
export function barHeights(pixels: Pixels, colour: string, minHeight = 15): number[] {
	const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
	const counts: number[] = [];
	for (let x = 0; x < pixels.width; x++) {
		let longest = 0;
		let run = 0;
		for (let y = 0; y < pixels.height; y++) {
			const i = (y * pixels.width + x) * 4;
			const d =
				Math.abs((pixels.rgba[i] ?? 0) - (r ?? 0)) +
				Math.abs((pixels.rgba[i + 1] ?? 0) - (g ?? 0)) +
				Math.abs((pixels.rgba[i + 2] ?? 0) - (b ?? 0));
			run = d < 24 ? run + 1 : 0;
			longest = Math.max(longest, run);
		}
		counts.push(longest);
	}
	const bars: number[] = [];
	let current = 0;
	for (const count of [...counts, 0]) {
		if (count > minHeight) current = Math.max(current, count);
		else if (current > 0) {
			bars.push(current);
			current = 0;
		}
	}
	return bars;
}
