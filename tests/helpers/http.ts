// A cookie-keeping HTTP client that behaves like a browser with JavaScript
// off: form posts, no redirects followed, the Origin header SvelteKit's CSRF
// check expects.
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo';
import { htmlText } from './html';

export type FormBody = Record<string, string | string[] | undefined>;

let nextAddress = 1;

export class Client {
	readonly cookies = new Map<string, string>();
	/** The address this client appears to come from (test servers read X-Forwarded-For). */
	readonly address: string;

	constructor(
		readonly base: string,
		address?: string
	) {
		const n = nextAddress++;
		this.address = address ?? `10.${process.pid % 250}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
	}

	private remember(res: Response) {
		for (const header of res.headers.getSetCookie()) {
			const [pair, ...attrs] = header.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some((a) => {
				const [k, v] = a.trim().split('=');
				return (k.toLowerCase() === 'max-age' && Number(v) <= 0) || (k.toLowerCase() === 'expires' && new Date(v) < new Date());
			});
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	private cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	async request(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size) headers.set('cookie', this.cookieHeader());
		// Browsers ask for HTML; without it SvelteKit answers form actions with JSON.
		if (!headers.has('accept')) headers.set('accept', 'text/html');
		if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', this.address);
		if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', this.base);
		const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
		this.remember(res);
		return res;
	}

	get(path: string, headers: Record<string, string> = {}): Promise<Response> {
		return this.request(path, { headers });
	}

	/** A form post as a browser without JavaScript makes it; `action` names a SvelteKit form action. */
	post(path: string, form: FormBody = {}, options: { action?: string; headers?: Record<string, string> } = {}) {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(form)) {
			if (v === undefined) continue;
			for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
		}
		const url = options.action ? `${path}?/${options.action}` : path;
		return this.request(url, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers }
		});
	}

	postMultipart(path: string, form: FormData, options: { action?: string } = {}) {
		const url = options.action ? `${path}?/${options.action}` : path;
		return this.request(url, { method: 'POST', body: form });
	}

	/** Signs in through the real form; throws unless it lands on the home page. */
	async signIn(email: string, password = DEMO_PASSWORD): Promise<this> {
		const res = await this.post('/sign-in', { email, password });
		if (res.status !== 303) throw new Error(`sign-in as ${email} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
		return this;
	}
}

export async function signedIn(base: string, email: string, password?: string): Promise<Client> {
	return new Client(base).signIn(email, password);
}

/** The text of a page without tags, for asserting on what a person reads. */
export async function pageText(res: Response): Promise<string> {
	return htmlText(await res.text());
}

/**
 * One signed-in client per demo actor of `base()`, made on first use and kept
 * (anonymous gets a fresh cookieless client each time).
 */
export function actorClients<A extends string>(base: () => string, emails: Record<Exclude<A, 'anonymous'>, string>): (actor: A | 'anonymous') => Promise<Client> {
	const clients = new Map<string, Client>();
	return async (actor) => {
		if (actor === 'anonymous') return new Client(base());
		if (!clients.has(actor)) clients.set(actor, await new Client(base()).signIn(emails[actor as Exclude<A, 'anonymous'>]));
		return clients.get(actor)!;
	};
}
