#!/usr/bin/env node
// `npm start`: the portal on the embedded database with demo data, on a fresh
// clone with nothing else installed. Builds first when there is no build, or
// when the sources are newer than it; then runs server.js, which migrates,
// seeds an empty database and prints the address and demo sign-ins.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsStale } from './build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stale = buildIsStale(root);
if (stale) {
	process.stdout.write('Building the portal (about 20 seconds, first time only)…\n');
	const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'inherit', env: { ...process.env, BUILD_LOG_LEVEL: 'error' } });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.SEED_DEMO ??= 'true';
await import(path.join(root, 'server.js'));
