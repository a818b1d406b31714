// s3rver ships no types: just what the tests use.
declare module 's3rver' {
	interface S3rverOptions {
		address?: string;
		port?: number;
		silent?: boolean;
		directory?: string;
		configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
	}
	export default class S3rver {
		constructor(options: S3rverOptions);
		run(): Promise<unknown>;
		close(): Promise<void>;
		httpServer?: import('node:http').Server;
	}
}
