// Reading a downloaded ZIP back with a real reader (yauzl): every entry's name and bytes, in order.
import yauzl from 'yauzl';

export function zipEntries(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
			if (err || !zip) return reject(err);
			const out: { name: string; data: Buffer }[] = [];
			zip.on('entry', (entry: yauzl.Entry) =>
				zip.openReadStream(entry, (e, stream) => {
					if (e || !stream) return reject(e);
					const chunks: Buffer[] = [];
					stream.on('data', (c: Buffer) => chunks.push(c));
					stream.on('end', () => {
						out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
						zip.readEntry();
					});
				})
			);
			zip.on('end', () => resolve(out));
			zip.readEntry();
		});
	});
}
