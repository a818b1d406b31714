// Production entry point: `node server.js` after `npm run build`.
// It validates configuration, imports the SvelteKit handler (whose init opens
// the database, migrates and seeds), listens, and shuts down cleanly.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './src/lib/server/config.js';
import { applySecurityHeaders } from './src/lib/server/http-headers.js';

const root = path.dirname(fileURLToPath(import.meta.url));
process.env.APP_ROOT ??= root;

/** @param {string} line */
function fail(line) {
	process.stderr.write(`${line}\n`);
	process.exit(1);
}

const loaded = loadConfig(process.env);
if (!loaded.ok) fail(loaded.message);
const { config } = /** @type {{ ok: true, config: import('./src/lib/server/config.js').Config }} */ (loaded);

// adapter-node reads these when the handler is imported.
process.env.ORIGIN ??= config.origin;
// The portal caps request bodies itself (src/lib/server/body-limit.ts): evidence
// uploads stream with their own limits, every other request is capped there.
process.env.BODY_SIZE_LIMIT = 'Infinity';

/** @type {import('http').RequestListener} */
let handler;
try {
	({ handler } = await import(path.join(root, 'build', 'handler.js')));
} catch (e) {
	const error = /** @type {Error} */ (e);
	if (error.name === 'StartupError') fail(error.message);
	if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ERR_MODULE_NOT_FOUND' && !error.message.includes('node_modules')) {
		fail('The portal is not built: run `npm run build` first (or use `npm start`).');
	}
	throw e;
}

const runtime = /** @type {{ demoSignIns: { role: string, email: string, organisation: string }[], demoPassword: string, shutdown: () => Promise<void> }} */ (
	/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('safeguarding-portal.runtime')]
);
const https = config.origin.startsWith('https:');

const server = http.createServer((req, res) => {
	applySecurityHeaders((name, value) => res.setHeader(name, value), https);
	handler(req, res);
});

server.on('error', (/** @type {NodeJS.ErrnoException} */ e) => {
	if (e.code === 'EADDRINUSE') fail(`Port ${config.PORT} is already in use: stop what is using it or set PORT.`);
	if (e.code === 'EACCES') fail(`Not allowed to listen on port ${config.PORT}: set PORT to 1024 or above.`);
	throw e;
});

server.listen(config.PORT, config.HOST, () => {
	const lines = [`Safeguarding self-assessment portal: ${config.origin}`];
	lines.push(`Database: ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded, in ${path.resolve(config.DATA_DIR)}`}`);
	if (runtime?.demoSignIns?.length) {
		lines.push('', `Demo sign-ins (password for all: ${runtime.demoPassword}):`);
		const width = Math.max(...runtime.demoSignIns.map((s) => s.role.length));
		for (const s of runtime.demoSignIns) lines.push(`  ${s.role.padEnd(width)}  ${s.email}  (${s.organisation})`);
	}
	lines.push('', 'Press Ctrl+C to stop.');
	process.stdout.write(`${lines.join('\n')}\n`);
});

let stopping = false;
/** @param {string} signal */
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	server.close();
	server.closeIdleConnections();
	const force = setTimeout(() => server.closeAllConnections(), 5000);
	force.unref();
	await new Promise((resolve) => server.once('close', resolve));
	try {
		await runtime?.shutdown();
	} finally {
		process.stdout.write(`Stopped (${signal}).\n`);
		process.exit(0);
	}
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
