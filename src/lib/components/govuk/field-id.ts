/** The element id for a field name: stable, so error summary links always land. */
export function fieldId(name: string): string {
	return name.replace(/[^A-Za-z0-9_-]/g, '-');
}
