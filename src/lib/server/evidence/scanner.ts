// Virus scanning of uploaded files before they are accepted. With CLAMD_SOCKET
// set, ClamAV's daemon scans every file and an unreachable daemon refuses the
// upload (fail closed); without it nothing is scanned, and the README says so.

export type ScanResult = { clean: true } | { clean: false; signature: string };

/** The scanner could not give an answer: the upload must be refused, to try again later. */
export class ScannerUnavailable extends Error {
	override name = 'ScannerUnavailable';
}

export interface Scanner {
	readonly enabled: boolean;
	/** Scans the file at `path`. Throws ScannerUnavailable when there is no answer. */
	scan(path: string): Promise<ScanResult>;
}

export const noScanner: Scanner = {
	enabled: false,
	scan: async () => ({ clean: true })
};
