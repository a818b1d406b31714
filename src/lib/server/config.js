// Plain JavaScript (typed with JSDoc) because two places load it: the SvelteKit
// server bundle, and server.js, which runs unbundled and must validate PORT and
// BODY_SIZE_LIMIT before the bundle is imported.
import { z } from 'zod';

/** Empty strings (common in env files) count as unset. */
const unsetIfEmpty = (/** @type {unknown} */ v) => (v === '' ? undefined : v);

// Defaults sit inside the preprocess so that an empty string, turned into
// undefined there, still gets the default.
const wholeNumber = (/** @type {number} */ min, /** @type {number} */ max, /** @type {number} */ fallback) => {
	const error = `must be a whole number from ${min} to ${max}`;
	return z.preprocess(unsetIfEmpty, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback));
};

const flag = (/** @type {boolean} */ fallback) =>
	z.preprocess(
		unsetIfEmpty,
		z
			.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
			.transform((v) => v === 'true' || v === '1' || v === 'yes')
			.default(fallback)
	);

const optionalText = z.preprocess(unsetIfEmpty, z.string().optional());

const schema = z.object({
	PORT: wholeNumber(1, 65535, 3000),
	HOST: z.preprocess(unsetIfEmpty, z.string().default('0.0.0.0')),
	ORIGIN: z.preprocess(
		unsetIfEmpty,
		z
			.string()
			.regex(/^https?:\/\/[^/\s]+$/, {
				error: 'must be the public address without a path, e.g. https://portal.example.org'
			})
			.optional()
	),
	DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./data')),
	DATABASE_URL: z.preprocess(
		unsetIfEmpty,
		z
			.string()
			.regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// connection URL' })
			.optional()
	),
	DATABASE_POOL_SIZE: wholeNumber(1, 100, 10),
	LOG_LEVEL: z.preprocess(
		unsetIfEmpty,
		z
			.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
				error: 'must be one of fatal, error, warn, info, debug, trace, silent'
			})
			.default('info')
	),
	UPLOAD_MAX_MB: wholeNumber(1, 1024, 20),
	/** All of one organisation's evidence files together (each distinct file counted once). */
	EVIDENCE_QUOTA_MB: wholeNumber(1, 1024 * 1024, 5120),
	STORAGE: z.preprocess(unsetIfEmpty, z.enum(['local', 's3'], { error: 'must be local or s3' }).default('local')),
	S3_BUCKET: optionalText,
	/** An S3-compatible endpoint (MinIO, a gateway); unset means AWS itself. */
	S3_ENDPOINT: z.preprocess(unsetIfEmpty, z.string().regex(/^https?:\/\/\S+$/, { error: 'must be an http:// or https:// URL' }).optional()),
	S3_REGION: z.preprocess(unsetIfEmpty, z.string().default('eu-west-2')),
	S3_ACCESS_KEY_ID: optionalText,
	S3_SECRET_ACCESS_KEY: optionalText,
	/** Bucket in the path rather than the host name: MinIO and most gateways need it. */
	S3_FORCE_PATH_STYLE: flag(false),
	/** ClamAV's daemon: a socket path (/run/clamav/clamd.ctl) or host:port. Unset: uploads are not scanned. */
	CLAMD_SOCKET: optionalText,
	SEED_DEMO: flag(false),
	/** The scheduled reminder runner (reminder-jobs.ts); tests switch it off unless they start it. */
	REMINDERS: flag(true),
	/** Seconds after start before this instance's first reminder run (then hourly). */
	REMINDERS_FIRST_RUN_SECONDS: wholeNumber(0, 3600, 60),
	SMTP_URL: z.preprocess(
		unsetIfEmpty,
		z
			.string()
			.regex(/^smtps?:\/\/\S+$/, { error: 'must be an smtp:// or smtps:// URL' })
			.optional()
	),
	MAIL_FROM: z.preprocess(
		unsetIfEmpty,
		z
			.string()
			.regex(/^[^<>@\s]+@[^<>@\s]+$|^.+ <[^<>@\s]+@[^<>@\s]+>$/, {
				error: 'must be an email address, optionally as "Name <address>"'
			})
			.default('Safeguarding self-assessment <no-reply@localhost>')
	),
	SESSION_IDLE_MINUTES: wholeNumber(5, 24 * 60, 60),
	/** Failed sign-ins allowed per address in 15 minutes; raise it where many staff share one address (NAT). */
	THROTTLE_PER_ADDRESS: wholeNumber(10, 10000, 10),
	SESSION_ABSOLUTE_HOURS: wholeNumber(1, 24 * 7, 12),
	/** For benchmarks only: every SQL statement and its parameters appended to this file (db/record.ts). */
	SQL_RECORD_FILE: optionalText,
	APP_ROOT: z.preprocess(unsetIfEmpty, z.string().default('.'))
});

/** Variables whose values may hold credentials, so an error never echoes them. */
const SECRET = new Set(['DATABASE_URL', 'SMTP_URL', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);

/** @typedef {z.infer<typeof schema> & { origin: string }} Config */

/**
 * Validates the environment. Expected failures come back as a one-line message
 * naming the variable, so the server can stop without a stack trace.
 * @param {Record<string, string | undefined>} env
 * @returns {{ ok: true, config: Config } | { ok: false, message: string }}
 */
export function loadConfig(env) {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const name = String(issue.path[0]);
		const raw = env[name];
		const shown = SECRET.has(name) || raw === undefined ? '' : ` (got "${raw}")`;
		return { ok: false, message: `Configuration error: ${name} ${issue.message}${shown}` };
	}
	const config = parsed.data;
	if (config.STORAGE === 's3' && !config.S3_BUCKET) return { ok: false, message: 'Configuration error: S3_BUCKET must be set when STORAGE is s3' };
	const origin = config.ORIGIN ?? `http://localhost:${config.PORT}`;
	return { ok: true, config: { ...config, origin } };
}
