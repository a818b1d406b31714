#!/usr/bin/env node
// `npm run build`: the server (vite build, into build/), then the empty
// migrated embedded database it starts new data directories from
// (scripts/embedded-cluster.ts, build/embedded-cluster.tar.gz).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (/** @type {string} */ command, /** @type {string[]} */ args) => {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npx', ['vite', 'build', '--logLevel', process.env.BUILD_LOG_LEVEL ?? 'info']);
run(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'embedded-cluster.ts')]);
