// Evidence in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2,
// Azure Blob behind an S3 gateway), for deployments with several instances.
// A commit streams the spool file up, each 8 MB part read from its own byte
// range of the file, one after another: nothing is buffered, whatever the size.
// S3 makes the object visible only once it is complete.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import {
	AbortMultipartUploadCommand,
	CompleteMultipartUploadCommand,
	CreateMultipartUploadCommand,
	DeleteObjectCommand,
	GetObjectCommand,
	HeadObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	UploadPartCommand,
	S3Client,
	S3ServiceException
} from '@aws-sdk/client-s3';
import { checkKey, checkRange, isStorageKey } from './keys';
import { StorageNotFound, type Storage, type StoredObjectInfo } from './types';

export interface S3Settings {
	bucket: string;
	/** An S3-compatible endpoint; unset means AWS itself. */
	endpoint?: string;
	region: string;
	/** Unset: the SDK's usual chain (environment, instance role). */
	accessKeyId?: string;
	secretAccessKey?: string;
	/** Bucket in the path rather than the host name, as MinIO and most gateways need. */
	forcePathStyle: boolean;
}

const PART_SIZE = 8 * 1024 * 1024;

const isNotFound = (error: unknown) =>
	error instanceof S3ServiceException &&
	(error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404);

export function s3Storage(settings: S3Settings): Storage {
	const { bucket } = settings;
	const client = new S3Client({
		region: settings.region,
		endpoint: settings.endpoint,
		forcePathStyle: settings.forcePathStyle,
		credentials:
			settings.accessKeyId && settings.secretAccessKey
				? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
				: undefined,
		// Checksums only where the API requires them: many S3-compatible servers reject the newer ones.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED'
	});

	async function exists(key: string) {
		try {
			await client.send(new HeadObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
			return true;
		} catch (error) {
			if (isNotFound(error)) return false;
			throw error;
		}
	}

	return {
		kind: 's3',

		async commit(spoolPath, key) {
			try {
				if (await exists(key)) return;
				await putFromFile(client, bucket, key, spoolPath);
			} finally {
				await fs.promises.rm(spoolPath, { force: true });
			}
		},

		exists,

		async read(key, range) {
			const Range = range ? `bytes=${checkRange(range).start}-${range.end}` : undefined;
			try {
				const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: checkKey(key), Range }));
				return answer.Body as Readable;
			} catch (error) {
				if (isNotFound(error)) throw new StorageNotFound(`No stored object ${key}`);
				throw error;
			}
		},

		async delete(key) {
			await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
		},

		async *list(): AsyncIterable<StoredObjectInfo> {
			let ContinuationToken: string | undefined;
			do {
				const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken }));
				for (const object of page.Contents ?? []) {
					if (object.Key && isStorageKey(object.Key)) yield { key: object.Key, modifiedAt: object.LastModified ?? new Date(0) };
				}
				ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
			} while (ContinuationToken);
		}
	};
}

/**
 * Uploads a complete file, each part streamed from its own byte range of the
 * file: nothing is buffered, so memory stays flat whatever the size. A file of
 * one part is a plain PUT; a failed multipart upload is aborted, leaving nothing.
 */
async function putFromFile(client: S3Client, Bucket: string, Key: string, file: string): Promise<void> {
	const { size } = await fs.promises.stat(file);
	const part = (start: number, end: number) => ({ Body: fs.createReadStream(file, { start, end: end - 1 }), ContentLength: end - start });
	if (size <= PART_SIZE) {
		await client.send(new PutObjectCommand({ Bucket, Key, ContentType: 'application/octet-stream', ...part(0, size) }));
		return;
	}
	const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/octet-stream' }));
	try {
		const Parts: { ETag?: string; PartNumber: number }[] = [];
		for (let start = 0, PartNumber = 1; start < size; start += PART_SIZE, PartNumber++) {
			const { ETag } = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, ...part(start, Math.min(size, start + PART_SIZE)) }));
			Parts.push({ ETag, PartNumber });
		}
		await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
	} catch (error) {
		await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
		throw error;
	}
}
