// ClamAV's daemon as the Scanner, by its INSTREAM protocol: "zINSTREAM\0", the
// file in chunks each preceded by its length (4 bytes, big-endian), a
// zero-length chunk, then one reply ended by NUL: "stream: OK",
// "stream: <signature> FOUND" or "<reason> ERROR". The file streams from disk
// with backpressure, so memory stays flat whatever its size. No answer (refused,
// timed out, an ERROR, anything unexpected) is ScannerUnavailable: fail closed.
import fs from 'node:fs';
import net from 'node:net';
import type { Config } from '../config.js';
import { noScanner, ScannerUnavailable, type ScanResult, type Scanner } from './scanner';

const CHUNK = 64 * 1024;

/** A Unix socket path (starting with /) or host:port ([::1]:3310 for IPv6). */
export function clamdAddress(address: string): net.NetConnectOpts {
	if (address.startsWith('/')) return { path: address };
	const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(address);
	const port = Number(match?.[2]);
	if (!match || port < 1 || port > 65535) throw new Error(`CLAMD_SOCKET must be a socket path or host:port (got "${address}")`);
	return { host: match[1], port };
}

/** Reads clamd's reply to INSTREAM. */
export function parseReply(raw: string): ScanResult {
	const reply = raw.replace(/\0/g, '').trim();
	if (reply === 'stream: OK') return { clean: true };
	const found = /^stream: (.+) FOUND$/.exec(reply);
	if (found) return { clean: false, signature: found[1] };
	if (reply.endsWith('ERROR')) throw new ScannerUnavailable(`clamd could not scan the file: ${reply}`);
	throw new ScannerUnavailable(`clamd gave an answer the portal does not understand: ${JSON.stringify(reply.slice(0, 200))}`);
}

const lengthOf = (n: number) => {
	const header = Buffer.alloc(4);
	header.writeUInt32BE(n);
	return header;
};

export function clamdScanner(address: string, { timeoutMs = 60_000 }: { timeoutMs?: number } = {}): Scanner {
	const target = clamdAddress(address);
	return {
		enabled: true,
		async scan(path) {
			const socket = net.connect(target);
			socket.setTimeout(timeoutMs);
			let reply = '';
			let settled = false;
			let connected = false;
			socket.once('connect', () => (connected = true));
			const replied = new Promise<string>((resolve, reject) => {
				const fail = (why: string) => {
					settled = true;
					socket.destroy();
					reject(new ScannerUnavailable(`clamd at ${address} ${why}`));
				};
				const answered = () => {
					settled = true;
					socket.destroy();
					resolve(reply);
				};
				socket.on('data', (data: Buffer) => {
					reply += data.toString('latin1');
					if (reply.includes('\0')) answered();
				});
				socket.on('end', () => (reply ? answered() : fail('closed the connection without an answer')));
				socket.on('timeout', () => fail(`gave no answer within ${timeoutMs} ms`));
				// A daemon that answered (e.g. "size limit exceeded") and closed makes later writes fail: its answer
				// counts. Its answer may also be lost to the reset, so say what the likely cause is.
				socket.on('error', (error: NodeJS.ErrnoException) => {
					if (reply) return answered();
					const code = error.code ?? error.message;
					if (!connected || !['EPIPE', 'ECONNRESET'].includes(code)) return fail(`could not be reached (${code})`);
					fail(`closed the connection while the file was being sent (${code}): is the file larger than clamd's StreamMaxLength?`);
				});
			});
			replied.catch(() => {});
			const send = async (data: Buffer) => {
				if (settled) return;
				if (!socket.write(data)) await Promise.race([new Promise((r) => socket.once('drain', r)), replied.catch(() => {})]);
			};
			const file = fs.createReadStream(path, { highWaterMark: CHUNK });
			try {
				await send(Buffer.from('zINSTREAM\0', 'latin1'));
				for await (const chunk of file) {
					if (settled) break;
					await send(Buffer.concat([lengthOf(chunk.length), chunk]));
				}
				await send(lengthOf(0));
			} catch (error) {
				socket.destroy();
				throw error;
			} finally {
				file.destroy();
			}
			return parseReply(await replied);
		}
	};
}

/** ClamAV when CLAMD_SOCKET is set; otherwise nothing is scanned (and the README says so). */
export function scannerFrom(config: Pick<Config, 'CLAMD_SOCKET'>): Scanner {
	return config.CLAMD_SOCKET ? clamdScanner(config.CLAMD_SOCKET) : noScanner;
}
