// `npm run admin -- create-admin --email you@council.gov.uk --name "Your Name"`
// Creates the first system admin (or makes an existing account one). The
// password is read from the ADMIN_PASSWORD variable or asked for on the terminal.
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { loadConfig } from '../src/lib/server/config.js';
import { openDatabase } from '../src/lib/server/db';
import { hashPassword, passwordProblem } from '../src/lib/server/auth/passwords';
import { createUser, getUserByEmail, setPasswordHash } from '../src/lib/server/users';
import { recordAudit, SYSTEM_CONTEXT } from '../src/lib/server/audit-log';
import { emailAddress } from '../src/lib/domain/text';

const USAGE = 'Usage: npm run admin -- create-admin --email <address> --name "<full name>"  (password from ADMIN_PASSWORD or the prompt)';

function fail(message: string): never {
	process.stderr.write(`${message}\n`);
	process.exit(1);
}

async function askPassword(): Promise<string> {
	if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
	if (!process.stdin.isTTY) fail('Set ADMIN_PASSWORD, or run this in a terminal to be asked for the password.');
	const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
	const password = await rl.question('Password (12 characters or more): ');
	rl.close();
	return password;
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { email: { type: 'string' }, name: { type: 'string' } } });
if (positionals[0] !== 'create-admin') fail(USAGE);
const email = emailAddress.safeParse(values.email ?? '');
if (!email.success) fail(`${email.error.issues[0].message}. ${USAGE}`);
if (!values.name?.trim()) fail(`Give the admin's full name with --name. ${USAGE}`);
const loaded = loadConfig(process.env);
if (!loaded.ok) fail(loaded.message);

const password = await askPassword();
const problem = passwordProblem(password, email.data);
if (problem) fail(problem);
const db = await openDatabase(loaded.config).catch((e: Error) => fail(e.message));
try {
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		const existing = await getUserByEmail(tx, email.data);
		const user = existing ?? (await createUser(tx, { email: email.data, name: values.name!.trim(), passwordHash, systemAdmin: true }));
		if (existing) {
			await tx.query('update users set system_admin = true, disabled_at = null where id = $1', [existing.id]);
			await setPasswordHash(tx, existing.id, passwordHash);
		}
		await recordAudit(tx, { ...SYSTEM_CONTEXT, actorEmail: 'command line' }, { action: 'account.make_admin', subjectType: 'user', subjectId: user.id, detail: { email: email.data } });
	});
	process.stdout.write(`${email.data} is a system admin. Sign in at the portal's /sign-in page.\n`);
} finally {
	await db.close();
}
