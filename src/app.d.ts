import type { Logger } from '$lib/server/log';
import type { Session } from '$lib/server/auth/sessions';
import type { SessionUser } from '$lib/server/users';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			requestId: string;
			log: Logger;
			user: SessionUser | null;
			session: Session | null;
			/** Set when the database could not be reached while answering: the response becomes a 503. */
			databaseUnavailable?: boolean;
		}
	}
}

export {};
