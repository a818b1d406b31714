// Whether the built server (build/) is missing or older than its sources:
// `npm start` and `npm run bench` build first when it is.
import fs from 'node:fs';
import path from 'node:path';

/** @param {string} p @returns {number} the newest modification time under p */
function newest(p) {
	if (!fs.existsSync(p)) return 0;
	const stat = fs.statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** @param {string} root the project's root @returns {boolean} */
export function buildIsStale(root) {
	const built = path.join(root, 'build', 'handler.js');
	const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) => newest(path.join(root, p)));
	return !fs.existsSync(built) || Math.max(...sources) > fs.statSync(built).mtimeMs;
}
