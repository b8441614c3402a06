import { describe, expect, it } from 'vitest';
import { leadTimeSeconds, summarizeResult } from './resultSummary';

describe('annotation summaries', () => {
  it('summarises each result shape', () => {
    expect(summarizeResult({ label: 'cat' })).toEqual({ kind: 'text', text: 'cat' });
    expect(summarizeResult({ labels: ['cat', 'dog'] })).toEqual({ kind: 'text', text: 'cat, dog' });
    expect(summarizeResult({ labels: [] })).toEqual({ kind: 'noLabels' });
    expect(summarizeResult({ spans: [{}, {}] })).toEqual({ kind: 'spans', count: 2 });
    expect(summarizeResult({ boxes: [{}] })).toEqual({ kind: 'boxes', count: 1 });
    expect(summarizeResult({ text: '' })).toEqual({ kind: 'empty' });
    expect(summarizeResult({ other: 1 })).toEqual({ kind: 'text', text: '{"other":1}' });
    expect(leadTimeSeconds(12_345)).toBe('12.3');
  });
});
