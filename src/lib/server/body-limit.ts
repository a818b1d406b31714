// How much of a request body the portal reads. adapter-node's own limit is off
// (server.js sets BODY_SIZE_LIMIT to Infinity) so that evidence uploads, which
// stream to disk with their own per-file limit and quota, are never cut off
// before the portal can answer; every other request is capped here exactly as
// the adapter would: a body over the cap fails to read with status 413.
import type { RequestEvent } from '@sveltejs/kit';

/** Form actions that stream their body themselves (route id, then action name). */
const STREAMED = new Set([
	'/(app)/organisations/[organisationId=uuid]/evidence/upload default',
	'/(app)/organisations/[organisationId=uuid]/evidence/[documentId=uuid] revise',
	'/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/evidence/[code=code] upload',
	'/(app)/partnerships/[partnershipId=uuid]/organisations/register preview'
]);

/** The form action a request names: `?/name`, or the default one. */
function actionName(url: URL): string {
	const named = [...url.searchParams.keys()].find((k) => k.startsWith('/'));
	return named ? named.slice(1) : 'default';
}

export function streamsOwnBody(event: Pick<RequestEvent, 'route' | 'url' | 'request'>): boolean {
	return event.request.method === 'POST' && STREAMED.has(`${event.route.id} ${actionName(event.url)}`);
}

const payloadTooLarge = (limit: number) => Object.assign(new Error(`The request body is over ${limit} bytes`), { status: 413 });

/** The request with its body capped at `limit` bytes. */
export function capBody(request: Request, limit: number): Request {
	if (!request.body) return request;
	const length = Number(request.headers.get('content-length'));
	const reader = request.body.getReader();
	let seen = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			// The rest of the body is left unread, not cancelled: cancelling would reset the
			// connection before the browser reads the page that says what is wrong. Node
			// discards what is left once the answer is sent.
			if (Number.isFinite(length) && length > limit) return controller.error(payloadTooLarge(limit));
			const { done, value } = await reader.read();
			if (done) return controller.close();
			seen += value.byteLength;
			if (seen > limit) {
				reader.releaseLock();
				return controller.error(payloadTooLarge(limit));
			}
			controller.enqueue(value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: 'half' } as RequestInit);
}
