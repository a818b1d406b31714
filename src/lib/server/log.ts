import pino from 'pino';

// Field names that must never reach a log line, wherever they appear.
const REDACT = [
	'password',
	'*.password',
	'token',
	'*.token',
	'cookie',
	'*.cookie',
	'headers.cookie',
	'headers.authorization',
	'DATABASE_URL',
	'SMTP_URL'
];

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
	return pino({
		level,
		base: { service: 'safeguarding-portal' },
		timestamp: pino.stdTimeFunctions.isoTime,
		redact: { paths: REDACT, censor: '[redacted]' },
		formatters: { level: (label) => ({ level: label }) }
	});
}

let root: Logger = createLogger(process.env.LOG_LEVEL || 'info');

export function setLogLevel(level: string): void {
	root = createLogger(level);
}

/** The process's logger; requests use a child carrying their request id. */
export function logger(): Logger {
	return root;
}
