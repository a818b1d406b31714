// The pixel size and kind of a PNG or JPEG, read from its header. Pure.
export interface ImageInfo {
	type: 'png' | 'jpg';
	width: number;
	height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The image's kind and size, or null when the bytes are not a PNG or JPEG we can read. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b) && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR') {
		const width = view.getUint32(16);
		const height = view.getUint32(20);
		return width && height ? { type: 'png', width, height } : null;
	}
	if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
	let at = 2;
	while (at + 9 < bytes.length) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1];
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		const length = view.getUint16(at + 2);
		// Start-of-frame markers (baseline, progressive, …) carry the size; C4, C8 and CC are not frames.
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			const height = view.getUint16(at + 5);
			const width = view.getUint16(at + 7);
			return width && height ? { type: 'jpg', width, height } : null;
		}
		at += 2 + length;
	}
	return null;
}

/** The largest size within `box` keeping the image's proportions. */
export function fitWithin(info: Pick<ImageInfo, 'width' | 'height'>, box: { width: number; height: number }) {
	const scale = Math.min(box.width / info.width, box.height / info.height, 1);
	return { width: Math.round(info.width * scale), height: Math.round(info.height * scale) };
}
