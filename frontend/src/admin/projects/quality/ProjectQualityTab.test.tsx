import { fireEvent, render, screen, within } from '@testing-library/react';
import { AdminContext, RecordContextProvider, testDataProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { i18nProvider } from '../../i18n/i18nProvider';
import type { ProjectQuality } from '../../types';
import { ProjectQualityTab } from './ProjectQualityTab';

const project = { id: 3, name: 'Cats', type: 'classification', labels: ['cat', 'dog'] };

const computed: ProjectQuality = {
  computedAt: '2026-11-25T10:00:00.000Z',
  method: 'dawid-skene',
  selection: null,
  statuses: { confident: 18, needs_more_labels: 5, needs_review: 2 },
  krippendorffAlpha: 0.71234,
  fleissKappa: null,
  confidenceHistogram: Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, items: i })),
  workers: [
    {
      annotatorId: 7,
      address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      labels: 40,
      accuracy: 0.756,
      goldSeen: 8,
      goldCorrect: 6,
      trust: 0.8,
    },
    {
      annotatorId: 8,
      address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      labels: 12,
      accuracy: 0.5,
      goldSeen: 0,
      goldCorrect: 0,
      trust: 0.5,
    },
  ],
};

const notComputed: ProjectQuality = {
  computedAt: null,
  method: null,
  selection: null,
  statuses: {},
  krippendorffAlpha: null,
  fleissKappa: null,
  confidenceHistogram: [],
  workers: [],
};

function renderTab(
  quality: Partial<{ getProjectQuality: () => Promise<ProjectQuality>; aggregateProjectQuality: () => Promise<ProjectQuality> }>,
) {
  const dataProvider = { ...testDataProvider(), ...quality };
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={dataProvider}>
      <RecordContextProvider value={project}>
        <ProjectQualityTab />
      </RecordContextProvider>
    </AdminContext>,
  );
}

describe('ProjectQualityTab', () => {
  it('shows the statuses, the agreement, the histogram and the annotators of the last aggregation', async () => {
    const getProjectQuality = vi.fn(() => Promise.resolve(computed));
    renderTab({ getProjectQuality });
    expect(await screen.findByRole('heading', { name: 'Item statuses' })).toBeTruthy();
    expect(getProjectQuality).toHaveBeenCalledWith(3);
    expect(screen.getByText(/^Last computed .* · Method: dawid-skene$/)).toBeTruthy();

    const statuses = screen.getByRole('heading', { name: 'Item statuses' }).closest('.MuiCard-root') as HTMLElement;
    for (const [label, count] of [
      ['Confident', '18'],
      ['Needs more labels', '5'],
      ['Needs review', '2'],
    ]) {
      const term = within(statuses).getByText(label!).closest('dt')!;
      expect(term.nextElementSibling?.textContent).toBe(count);
    }

    expect(screen.getByText('0.712')).toBeTruthy();
    expect(
      screen.getByLabelText('Not available: agreement applies to classification projects with enough overlapping labels.').textContent,
    ).toBe('—');
    expect(screen.getByRole('heading', { name: 'Confidence' })).toBeTruthy();

    const table = screen.getByRole('table', { name: 'Annotator quality' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = rows[1]!;
    expect(within(first).getByText('0xf39F…2266').getAttribute('title')).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(within(first).getByText('40')).toBeTruthy();
    expect(within(first).getByText('76%')).toBeTruthy();
    expect(within(first).getByRole('progressbar', { name: 'Accuracy of 0xf39F…2266' }).getAttribute('aria-valuenow')).toBe('76');
    expect(within(first).getByText('6 / 8')).toBeTruthy();
    expect(within(rows[2]!).getByText('0 / 0')).toBeTruthy();
    expect(screen.queryByText(/No quality figures yet/)).toBeNull();
  });

  it("shows how auto chose the method: the criterion, the winner's lead and every candidate, best first", async () => {
    const selection: NonNullable<ProjectQuality['selection']> = {
      criterion: 'held-out-likelihood',
      winner: 'ds(smoothing=1)',
      margin: 0.0049,
      scores: [
        {
          candidate: 'mv',
          method: 'mv',
          heldOutLogLikelihood: -0.5791,
          heldOutItem: -0.5791,
          heldOutTypical: -0.5791,
          goldAccuracy: null,
          settingChosen: true,
        },
        {
          candidate: 'ds(smoothing=1)',
          method: 'ds',
          heldOutLogLikelihood: -0.4533,
          heldOutItem: -0.4533,
          heldOutTypical: -0.4533,
          goldAccuracy: null,
          settingChosen: true,
        },
        {
          candidate: 'mmce(itemPenalty=10, workerPenalty=0.1)',
          method: 'mmce',
          heldOutLogLikelihood: -0.4573,
          heldOutItem: -0.4573,
          heldOutTypical: -0.4611,
          goldAccuracy: null,
          settingChosen: false,
        },
        {
          candidate: 'mmce(itemPenalty=100, workerPenalty=0.1)',
          method: 'mmce',
          heldOutLogLikelihood: -0.4576,
          heldOutItem: -0.4576,
          heldOutTypical: -0.4581,
          goldAccuracy: null,
          settingChosen: true,
        },
      ],
      heldOutVotes: 1600,
      goldItems: 0,
      sampledItems: 800,
      sampledVotes: 8000,
    };
    renderTab({ getProjectQuality: () => Promise.resolve({ ...computed, method: 'ds', selection }) });
    expect(await screen.findByRole('heading', { name: 'How auto chose the method' })).toBeTruthy();
    expect(screen.getByText('By held-out likelihood: 1600 votes hidden from the fits, scored by each candidate')).toBeTruthy();
    expect(screen.getByText('ds(smoothing=1) won, by 0.0049 nats over the runner-up')).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'How auto chose the method' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.firstChild!.textContent)).toEqual([
      'ds(smoothing=1)',
      'mmce(itemPenalty=10, workerPenalty=0.1)',
      'mmce(itemPenalty=100, workerPenalty=0.1)',
      'mv',
    ]);
    expect(rows[0]!.classList.contains('Mui-selected')).toBe(true);
    // A model with item terms shows both predictions its score is the mean of.
    expect(within(rows[1]!).getByText('item -0.4573 · typical item -0.4611')).toBeTruthy();
    expect(within(rows[0]!).queryByText(/typical item/)).toBeNull();
    expect(within(rows[1]!).getByText('another setting of this method scored better')).toBeTruthy();
    expect(within(rows[2]!).queryByText('another setting of this method scored better')).toBeNull();
  });

  it('shows the empty state until the quality is computed, then recomputes on demand', async () => {
    let answer!: (quality: ProjectQuality) => void;
    const aggregateProjectQuality = vi.fn(() => new Promise<ProjectQuality>((resolve) => (answer = resolve)));
    renderTab({ getProjectQuality: () => Promise.resolve(notComputed), aggregateProjectQuality });
    expect(await screen.findByText('No quality figures yet. Recompute to aggregate the labels collected so far.')).toBeTruthy();
    expect(screen.getByText('Not computed yet')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Item statuses' })).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Recompute now' }));
    const busy = await screen.findByRole<HTMLButtonElement>('button', { name: 'Recomputing…' });
    expect(busy.disabled).toBe(true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
    await vi.waitFor(() => expect(aggregateProjectQuality).toHaveBeenCalledWith(3));

    answer(computed);
    expect(await screen.findByRole('heading', { name: 'Item statuses' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Annotator quality' })).toBeTruthy();
    expect(screen.queryByText('Not computed yet')).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Recompute now' }).disabled).toBe(false);
  });

  it('shows "—" for both coefficients outside classification projects, and no chart without items', async () => {
    renderTab({
      getProjectQuality: () =>
        Promise.resolve({
          ...computed,
          krippendorffAlpha: null,
          confidenceHistogram: computed.confidenceHistogram.map((b) => ({ ...b, items: 0 })),
        }),
    });
    expect(await screen.findAllByLabelText(/^Not available: agreement applies to classification projects/)).toHaveLength(2);
    expect(screen.getByText('No aggregated items yet.')).toBeTruthy();
  });
});
