import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords';

// argon2id with OWASP's minimum recommended parameters (19 MiB, 2 passes, 1 lane).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// A real hash, verified against when the account does not exist, so a wrong
// email takes as long to refuse as a wrong password.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoy ??= hashPassword('decoy password that no account has');
	await verifyPassword(await decoy, password);
	return false;
}

/**
 * Why a new password is not acceptable, or null. Length and a block list only:
 * no composition rules (NCSC and NIST guidance).
 */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < PASSWORD_MIN) return `Password must be ${PASSWORD_MIN} characters or more`;
	if (password.length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) {
		return 'This password is too common and easy to guess: choose a different one';
	}
	if (email && (lower === email.toLowerCase() || lower === email.split('@')[0].toLowerCase())) {
		return 'Password must not be your email address';
	}
	return null;
}
