export type Row = Record<string, unknown>;

/** What every concept module works with: a connection or an open transaction. */
export interface Queryable {
	/** One parameterised statement; rows come back with normalised JS types. */
	query<T extends object = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
	/** A script of several statements without parameters (migrations). */
	exec(text: string): Promise<void>;
	/**
	 * Runs `fn` in a transaction. On a handle that is already a transaction it
	 * joins it, so concept functions compose without nesting surprises.
	 */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

export type DbKind = 'embedded' | 'postgres';

export interface Db extends Queryable {
	readonly kind: DbKind;
	close(): Promise<void>;
}

/** PostgreSQL SQLSTATE codes the modules turn into expected outcomes. */
export const SQLSTATE = {
	uniqueViolation: '23505',
	foreignKeyViolation: '23503',
	checkViolation: '23514',
	serializationFailure: '40001',
	raiseException: 'P0001'
} as const;

export function sqlState(error: unknown): string | undefined {
	if (typeof error === 'object' && error !== null && 'code' in error) {
		const code = (error as { code: unknown }).code;
		return typeof code === 'string' ? code : undefined;
	}
	return undefined;
}
