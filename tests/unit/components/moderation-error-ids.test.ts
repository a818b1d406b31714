import { describe, expect, it } from 'vitest';
import { summaryErrors } from '../../../src/lib/components/moderation/error-ids';

describe('the moderation page’s error summary links', () => {
	it('name a standard’s fields by the ids they have on the page', () => {
		expect(summaryErrors('3', { _form: 'Stale', rationale: 'Too long', changeRequest: 'Too long', 'grade-3.2': 'Choose', 'rationale-3.2': 'Too long' })).toEqual({
			_form: 'Stale',
			'rationale-3': 'Too long',
			'changeRequest-3': 'Too long',
			'grade-3-3.2': 'Choose',
			'rationale-3-3.2': 'Too long'
		});
	});

	it('name an agreed grade’s fields by its standard, and leave the review’s as they are', () => {
		expect(summaryErrors('agree-B', { agreedRationale: 'Say why' })).toEqual({ 'agreedRationale-B': 'Say why' });
		expect(summaryErrors('review', { 'comment-risks': 'Too long', summary: 'Too long' })).toEqual({ 'comment-risks': 'Too long', summary: 'Too long' });
	});
});
