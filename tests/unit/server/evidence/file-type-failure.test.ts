import { describe, expect, it, vi } from 'vitest';
import { identifyFile, NOT_ACCEPTED } from '../../../../src/lib/server/evidence/file-types';
import { spool } from '../../../helpers/evidence-files';

vi.mock('file-type', () => ({ fileTypeFromFile: () => Promise.reject(new Error('parser tripped')) }));

describe('a file the magic-byte parser trips over', () => {
	it('is refused with the usual message, not a server error', async () => {
		const path = spool(Buffer.from([0x1f, 0x8b, 0xff, 0xff]), 'odd.pdf');
		expect(await identifyFile(path, 'odd.pdf')).toEqual({ ok: false, message: NOT_ACCEPTED });
	});
});
