// Debian's nginx in front of test servers, configured from the example the
// project ships (deploy/nginx.conf.example): its upstream with the test
// servers' addresses in place of the example's, its TLS server's settings on a
// plain listener on 127.0.0.1, and its logs and temporary files in a scratch
// directory. The access log names the instance that answered each request.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths';
import { freePort } from './test-server';

export const NGINX = '/usr/sbin/nginx';
export const EXAMPLE = path.join(ROOT, 'deploy', 'nginx.conf.example');

export interface TestNginx {
	url: string;
	/** How many requests the access log has so far. */
	logged(): number;
	/** Which upstream (host:port) answered each of the `count` requests after the first `from` (nginx logs a request just after answering it). */
	served(from: number, count: number): Promise<string[]>;
	output(): string;
	stop(): Promise<void>;
}

/** The span of the block whose `{` comes first at or after `from`: [start of the block's opening line, just after its `}`]. */
function blockAt(text: string, from: number): [number, number] {
	const open = text.indexOf('{', from);
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		if (text[i] === '{') depth++;
		else if (text[i] === '}' && --depth === 0) return [text.lastIndexOf('\n', from) + 1, i + 1];
	}
	throw new Error(`unbalanced braces in ${EXAMPLE}`);
}

/** The example's `server { … }` block holding `marker`. */
function serverBlock(text: string, marker: string): [number, number] {
	for (const m of text.matchAll(/^\s*server\s*\{/gm)) {
		const span = blockAt(text, m.index);
		if (text.slice(...span).includes(marker)) return span;
	}
	throw new Error(`${EXAMPLE} has no server block with ${marker}`);
}

/** The example, runnable here: `upstreams` in its upstream (as many as it lists), listening on `port`, files under `dir`. */
export function configFromExample(upstreams: string[], port: number, dir: string): string {
	let text = fs.readFileSync(EXAMPLE, 'utf8');
	const http = blockAt(text, text.search(/^http\s*\{/m));
	text = text.slice(http[0], http[1]);

	const upstream = blockAt(text, text.search(/^\s*upstream portal\s*\{/m));
	const servers = [...text.slice(...upstream).matchAll(/^(\s*server\s+)(\S+)/gm)];
	if (servers.length !== upstreams.length) throw new Error(`${EXAMPLE} lists ${servers.length} upstream servers; the test starts ${upstreams.length}`);
	let i = 0;
	text = text.slice(0, upstream[0]) + text.slice(...upstream).replace(/^(\s*server\s+)(\S+)/gm, (_m, lead: string) => `${lead}${upstreams[i++]}`) + text.slice(upstream[1]);

	// The port-80 redirect goes; the TLS server listens here, without TLS.
	const redirect = serverBlock(text, 'return 301');
	text = text.slice(0, redirect[0]) + text.slice(redirect[1]);
	const tls = serverBlock(text, 'ssl_certificate');
	const body = text
		.slice(...tls)
		.split('\n')
		.filter((line) => !/^\s*(listen|ssl_\w+|server_name)\s/.test(line))
		.join('\n')
		.replace(/\{/, `{\n\t\tlisten 127.0.0.1:${port};`);
	text = text.slice(0, tls[0]) + body + text.slice(tls[1]);

	text = text
		.replace(/^(\s*access_log\s+)\S+/m, `$1${path.join(dir, 'access.log')}`)
		.replace(/^(\s*error_log\s+)\S+/m, `$1${path.join(dir, 'error.log')}`)
		.replace(
			/^http\s*\{/,
			['http {', ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `\t${t}_temp_path ${path.join(dir, `${t}_temp`)};`)].join('\n')
		);
	text = text.replace(/\n{3,}/g, '\n\n');
	return [
		'daemon off;',
		'worker_processes 1;',
		`pid ${path.join(dir, 'nginx.pid')};`,
		`error_log ${path.join(dir, 'error.log')} warn;`,
		'events { worker_connections 256; }',
		text,
		''
	].join('\n');
}

export async function startNginx(upstreams: string[], port?: number): Promise<TestNginx> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-nginx-'));
	// nginx's workers run as nobody when it is started as root: they must reach the temporary directories.
	fs.chmodSync(dir, 0o755);
	port ??= await freePort();
	const conf = path.join(dir, 'nginx.conf');
	fs.writeFileSync(conf, configFromExample(upstreams, port, dir));
	const child = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	child.stdout!.on('data', (d) => (text += d));
	child.stderr!.on('data', (d) => (text += d));
	let exited = false;
	const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
	const url = `http://127.0.0.1:${port}`;
	const accessLog = path.join(dir, 'access.log');
	for (let i = 0; ; i++) {
		if (exited || i === 300) throw new Error(`nginx did not start:\n${text}\n${fs.readFileSync(conf, 'utf8')}`);
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const answeredBy = () => (fs.existsSync(accessLog) ? [...fs.readFileSync(accessLog, 'utf8').matchAll(/ upstream=(\S+)/g)].map((m) => m[1]) : []);
	return {
		url,
		logged: () => answeredBy().length,
		served: async (from, count) => {
			for (let i = 0; i < 100; i++) {
				const all = answeredBy();
				if (all.length >= from + count) return all.slice(from, from + count);
				await new Promise((r) => setTimeout(r, 50));
			}
			throw new Error(`nginx logged ${answeredBy().length - from} of ${count} requests`);
		},
		output: () => text,
		stop: async () => {
			if (!exited) child.kill('SIGTERM');
			await exit;
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
