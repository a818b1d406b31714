// Where evidence files live. Every backend stores complete objects only: a
// file is first spooled to a local temporary file (spool.ts), checked, and then
// committed under its key, so a reader never sees half a file.
import type { Readable } from 'node:stream';

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
	start: number;
	end: number;
}

export interface StoredObjectInfo {
	key: string;
	modifiedAt: Date;
}

export interface Storage {
	readonly kind: 'local' | 's3';
	/**
	 * Moves a complete spooled file under `key`, atomically. Keys are content
	 * addressed, so when `key` already exists the spool file is simply removed.
	 * The spool file is gone afterwards, whether this succeeds or fails.
	 */
	commit(spoolPath: string, key: string): Promise<void>;
	exists(key: string): Promise<boolean>;
	/** The object's bytes, or a range of them. Throws StorageNotFound when there is no such object. */
	read(key: string, range?: ByteRange): Promise<Readable>;
	/** Removes the object; removing one that is not there is not an error. */
	delete(key: string): Promise<void>;
	/** Every stored object, for the sweep that removes files no row refers to. */
	list(): AsyncIterable<StoredObjectInfo>;
}

export class StorageNotFound extends Error {
	override name = 'StorageNotFound';
}

/** The key of a file's content within an organisation: the server's, never derived from a name. */
export const storageKey = (organisationId: string, sha256: string) => `${organisationId}/${sha256}`;

/** The key of an issued feedback letter's file within its partnership. */
export const letterKey = (partnershipId: string, sha256: string) => `letters/${partnershipId}/${sha256}`;
