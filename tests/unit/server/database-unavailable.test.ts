import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../src/lib/server/db/unavailable';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('a database that cannot be reached', () => {
	it('is told by the connection errors and PostgreSQL’s shutdown and start-up states', () => {
		for (const code of ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006']) expect(isDatabaseUnavailable(withCode(code))).toBe(true);
		expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
		expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
	});

	it('is not a query’s own fault: a constraint, a syntax error, a bug', () => {
		for (const code of ['23505', '42601', '22P02', '40001']) expect(isDatabaseUnavailable(withCode(code))).toBe(false);
		expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
	});
});
