import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/admin-guard';
import { listOutbox } from '$lib/server/mail';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event.locals, event.url);
	const messages = await listOutbox(db());
	// Unsent messages hold live invitation and reset links: reading them is recorded.
	await recordAudit(db(), auditContext(event), { action: 'outbox.read', detail: { messages: messages.length } });
	return {
		title: 'Mail outbox',
		smtp: Boolean(config().SMTP_URL),
		messages: messages.map((m) => ({ ...m, attachments: m.attachments.map(({ filename, contentType, method }) => ({ filename, contentType, method })), createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null }))
	};
};
