// A real S3-compatible server for tests: s3rver, in-process on 127.0.0.1, with
// its objects in a temporary directory and one bucket ready.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../../src/lib/server/storage/s3';
import { freePort } from './test-server';

export interface TestS3 {
	settings: S3Settings;
	stop(): Promise<void>;
}

export async function startS3(bucket = 'evidence'): Promise<TestS3> {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-s3-'));
	const port = await freePort();
	const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket }] });
	await server.run();
	return {
		settings: {
			bucket,
			endpoint: `http://127.0.0.1:${port}`,
			region: 'eu-west-2',
			accessKeyId: 'S3RVER',
			secretAccessKey: 'S3RVER',
			forcePathStyle: true
		},
		async stop() {
			// The SDK keeps connections alive; close them or close() waits for them.
			server.httpServer?.closeAllConnections();
			await server.close();
			fs.rmSync(directory, { recursive: true, force: true });
		}
	};
}
