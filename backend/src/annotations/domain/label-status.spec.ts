import { describe, expect, it } from 'vitest';
import { correctable, labelStatus } from './label-status.js';

const yes = () => true;
const no = () => false;

describe('labelStatus', () => {
  it('is discarded whatever the item, once withdrawn', () => {
    expect(labelStatus({ discarded: true, decision: { status: 'confident', labels: 3 }, minLabels: 2, matches: yes })).toBe('discarded');
  });

  it('is pending until the item is confident', () => {
    expect(labelStatus({ discarded: false, decision: null, minLabels: 2, matches: yes })).toBe('pending');
    expect(labelStatus({ discarded: false, decision: { status: 'needs_more_labels', labels: 2 }, minLabels: 2, matches: yes })).toBe(
      'pending',
    );
    expect(labelStatus({ discarded: false, decision: { status: 'needs_review', labels: 3 }, minLabels: 2, matches: yes })).toBe('pending');
  });

  it('keeps a confident item with fewer labels than a regular item needs pending (a check item must not stand out)', () => {
    expect(labelStatus({ discarded: false, decision: { status: 'confident', labels: 1 }, minLabels: 2, matches: no })).toBe('pending');
  });

  it('is accepted or rejected by the settled answer', () => {
    expect(labelStatus({ discarded: false, decision: { status: 'confident', labels: 2 }, minLabels: 2, matches: yes })).toBe('accepted');
    expect(labelStatus({ discarded: false, decision: { status: 'confident', labels: 2 }, minLabels: 2, matches: no })).toBe('rejected');
  });
});

describe('correctable', () => {
  it('allows a correction only while the label is pending', () => {
    expect(correctable({ discarded: false, decision: null, minLabels: 1 })).toBe(true);
    expect(correctable({ discarded: false, decision: { status: 'confident', labels: 1 }, minLabels: 2 })).toBe(true);
    expect(correctable({ discarded: false, decision: { status: 'confident', labels: 2 }, minLabels: 2 })).toBe(false);
    expect(correctable({ discarded: true, decision: null, minLabels: 1 })).toBe(false);
  });
});
