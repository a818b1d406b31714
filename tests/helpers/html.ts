// Reading what a page's forms would post, the way a browser without JavaScript does.

/** Hidden and text inputs' values by name, as rendered (first occurrence wins). */
export function inputValues(html: string): Record<string, string> {
	const values: Record<string, string> = {};
	for (const match of html.matchAll(/<input\b[^>]*>/g)) {
		const tag = match[0];
		const name = /\bname="([^"]*)"/.exec(tag)?.[1];
		const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
		if (!name || name in values) continue;
		if ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/.test(tag)) continue;
		values[name] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
	}
	for (const match of html.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
		const selected = /<option\b[^>]*\bvalue="([^"]*)"[^>]*\bselected\b/.exec(match[2]) ?? /<option\b[^>]*\bvalue="([^"]*)"/.exec(match[2]);
		values[match[1]] ??= decode(selected?.[1] ?? '');
	}
	for (const match of html.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
		values[match[1]] ??= decode(match[2]);
	}
	return values;
}

function decode(s: string): string {
	return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The text of some markup without tags, as a person reads it. */
export function htmlText(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&#39;|&rsquo;|’/g, "'")
		.replace(/\s+/g, ' ');
}
