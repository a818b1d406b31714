// The storage the settings choose: a local directory under DATA_DIR (the
// default), or an S3-compatible bucket with STORAGE=s3.
import path from 'node:path';
import type { Config } from '../config.js';
import { localStorage } from './local';
import { s3Storage } from './s3';
import type { Storage } from './types';

export * from './types';
export { spool, spoolDir, sweepSpool, TooLarge, type Spooled } from './spool';

/** Where local storage keeps evidence: <DATA_DIR>/evidence, beside the spool, so a commit is a rename. */
export const localRoot = (dataDir: string) => path.join(dataDir, 'evidence');

type StorageSettings = Pick<
	Config,
	'STORAGE' | 'DATA_DIR' | 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

export function openStorage(config: StorageSettings): Storage {
	if (config.STORAGE === 'local') return localStorage(localRoot(config.DATA_DIR));
	if (!config.S3_BUCKET) throw new Error('S3_BUCKET must be set when STORAGE is s3');
	return s3Storage({
		bucket: config.S3_BUCKET,
		endpoint: config.S3_ENDPOINT,
		region: config.S3_REGION,
		accessKeyId: config.S3_ACCESS_KEY_ID,
		secretAccessKey: config.S3_SECRET_ACCESS_KEY,
		forcePathStyle: config.S3_FORCE_PATH_STYLE
	});
}
