import { render, screen } from '@testing-library/react';
import { AdminContext, RecordContextProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../i18n/i18nProvider';
import type { Suspension } from '../types';
import { ActiveField, ReasonsField } from './SuspensionFields';

const suspension: Suspension = {
  id: 1,
  annotatorId: 8,
  annotatorAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  projectId: 3,
  reasons: [
    { rule: 'too_fast', medianLeadTimeMs: 420 },
    { rule: 'straight_lining' },
    { rule: 'gold_failures', goldSeen: 10, goldCorrect: 3 },
    { rule: 'admin', note: 'spam' },
  ],
  active: true,
  createdAt: '2026-11-25T10:00:00.000Z',
  liftedAt: null,
  liftedBy: null,
  reviewRequestedAt: null,
  reviewMessage: null,
};

function renderFields(record: Suspension, detailed = false) {
  render(
    <AdminContext i18nProvider={i18nProvider}>
      <RecordContextProvider value={record}>
        <ReasonsField source="reasons" detailed={detailed} />
        <ActiveField source="active" />
      </RecordContextProvider>
    </AdminContext>,
  );
}

describe('suspension fields', () => {
  it('shows one readable chip per rule, its explanation and measurements in the tooltip', () => {
    renderFields(suspension);
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
    const tooFast = screen.getByText('Too fast').closest('.MuiChip-root')!;
    expect(tooFast.getAttribute('title')).toBe('Labelled faster than a person can read the items. medianLeadTimeMs: 420');
    expect(screen.getByText('Straight-lining').closest('.MuiChip-root')!.getAttribute('title')).toBe(
      'Gave the same answer to item after item.',
    );
    expect(screen.getByText('Failed gold checks').closest('.MuiChip-root')!.getAttribute('title')).toBe(
      'Got too many gold items (known answers) wrong. goldSeen: 10, goldCorrect: 3',
    );
    expect(screen.getByText('Suspended by an admin').closest('.MuiChip-root')!.getAttribute('title')).toBe('Suspended by hand. note: spam');
    expect(screen.getByText('Active')).toBeTruthy();
  });

  it('spells the measurements out on the show page, keeps unknown rules as sent, and marks lifted suspensions', () => {
    renderFields(
      { ...suspension, reasons: [{ rule: 'gold_failures', goldSeen: 10 }, { rule: 'new_rule' as 'admin' }], active: false },
      true,
    );
    expect(screen.getByText('Got too many gold items (known answers) wrong. goldSeen: 10')).toBeTruthy();
    expect(screen.getByText('new_rule')).toBeTruthy();
    expect(screen.getByText('Lifted')).toBeTruthy();
  });
});
