/** A person-readable "Firefox on Windows" from a User-Agent header; enough to recognise a device. */
export function describeUserAgent(ua: string): string {
	if (!ua) return 'Unknown device';
	const browser =
		/Edg\//.test(ua) ? 'Edge'
		: /Firefox\//.test(ua) ? 'Firefox'
		: /Chrome\/|Chromium\//.test(ua) ? 'Chrome'
		: /Safari\//.test(ua) ? 'Safari'
		: /curl\//.test(ua) ? 'curl'
		: 'Browser';
	const os =
		/Windows/.test(ua) ? 'Windows'
		: /iPhone|iPad/.test(ua) ? 'iOS'
		: /Mac OS X/.test(ua) ? 'macOS'
		: /Android/.test(ua) ? 'Android'
		: /CrOS/.test(ua) ? 'ChromeOS'
		: /Linux/.test(ua) ? 'Linux'
		: null;
	return os ? `${browser} on ${os}` : browser;
}
