// Whether an error means the database cannot be reached just now (the server
// stopped, restarting, or the network between): what a person should see as
// "the service is unavailable, try again shortly" (503), not as a fault (500).
// postgres.js reconnects by itself once the server is back.

/** Node's socket errors and postgres.js's own for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
/** PostgreSQL's: shutting down (admin, crash), starting up, or the connection failed (SQLSTATE classes 08 and 57P). */
const SERVER_STATES = /^(08\d{3}|57P0[1-3])$/;

export function isDatabaseUnavailable(error: unknown): boolean {
	for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SERVER_STATES.test(code))) return true;
		if (e instanceof AggregateError && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
	}
	return false;
}
