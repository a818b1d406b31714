// A count out of a total, as the seed reports write it: "96% (48 of 50)".
export interface Share {
	count: number;
	of: number;
	/** Whole percent; 100 only when every one counted, 0 only when none did. */
	percent: number;
}

export function share(count: number, of: number): Share {
	if (of <= 0) return { count, of, percent: 0 };
	const exact = (100 * count) / of;
	// 199 of 200 is not "100%", and 1 of 300 is not "0%": a board reads these as all and none.
	const percent = count === of ? 100 : count === 0 ? 0 : Math.min(99, Math.max(1, Math.round(exact)));
	return { count, of, percent };
}

export const shareText = (s: Share): string => (s.of ? `${s.percent}% (${s.count} of ${s.of})` : 'None expected');

/** A change in percentage points, signed: "+25", "−3", "0". */
export const pointsText = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
