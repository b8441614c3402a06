import { fireEvent, render, screen, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { AdminContext, RecordContextProvider, testDataProvider, type Identifier } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { i18nProvider } from '../../i18n/i18nProvider';
import type { AnnotatorQuality } from '../../types';
import { AnnotatorQualityTab } from './AnnotatorQualityTab';
import { rowShare } from './ConfusionMatrixCard';

const user = { id: 8, address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', roles: ['annotator'] };

const quality: AnnotatorQuality = {
  annotatorId: 8,
  address: user.address,
  projectId: null,
  projects: [
    {
      projectId: 3,
      projectName: 'Animals',
      projectType: 'classification',
      submitted: 6,
      discarded: 1,
      score: { labels: 6, accuracy: 0.5, goldSeen: 3, goldCorrect: 2, goldAccuracy: 2 / 3, computedAt: '2026-03-03T00:00:00.000Z' },
    },
    { projectId: 4, projectName: 'Tags', projectType: 'multilabel', submitted: 1, discarded: 0, score: null },
  ],
  days: [
    {
      day: '2026-03-01',
      labels: 3,
      discarded: 0,
      compared: 3,
      agreed: 2,
      agreement: 2 / 3,
      goldSeen: 2,
      goldCorrect: 1,
      goldAccuracy: 0.5,
    },
    { day: '2026-03-02', labels: 4, discarded: 1, compared: 3, agreed: 1, agreement: 1 / 3, goldSeen: 1, goldCorrect: 1, goldAccuracy: 1 },
  ],
  confusion: [
    {
      projectId: 3,
      projectName: 'Animals',
      labels: ['cat', 'dog', 'bird'],
      counts: [
        [2, 0, 0],
        [1, 0, 0],
        [0, 1, 1],
      ],
      total: 5,
      correct: 3,
    },
  ],
  suspensions: [
    {
      id: 12,
      projectId: null,
      projectName: null,
      reasons: [{ rule: 'admin', note: 'copied answers' }],
      active: true,
      createdAt: '2026-03-03T08:00:00.000Z',
      liftedAt: null,
      liftedBy: null,
      liftedByAddress: null,
    },
    {
      id: 11,
      projectId: 3,
      projectName: 'Animals',
      reasons: [{ rule: 'gold_failures', goldSeen: 3, goldCorrect: 1 }],
      active: false,
      createdAt: '2026-03-02T12:00:00.000Z',
      liftedAt: '2026-03-02T13:00:00.000Z',
      liftedBy: 1,
      liftedByAddress: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    },
  ],
};

function renderTab(getAnnotatorQuality: (annotatorId: Identifier, projectId?: Identifier | null) => Promise<AnnotatorQuality>) {
  const dataProvider = { ...testDataProvider(), getAnnotatorQuality };
  // No retries: an error shows at once.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={dataProvider} queryClient={queryClient}>
      <RecordContextProvider value={user}>
        <AnnotatorQualityTab />
      </RecordContextProvider>
    </AdminContext>,
  );
}

function cells(row: HTMLElement): string[] {
  return [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '');
}

describe('AnnotatorQualityTab', () => {
  it('shows the per-project summary, the accuracy chart, the confusion matrix and the suspension history', async () => {
    const getAnnotatorQuality = vi.fn(() => Promise.resolve(quality));
    renderTab(getAnnotatorQuality);
    const summary = await screen.findByRole('table', { name: 'Per project' });
    expect(getAnnotatorQuality).toHaveBeenCalledWith(8, null);
    expect(screen.getByText('7 labels in 2 projects')).toBeTruthy();
    const [header, animals, tags] = within(summary).getAllByRole('row');
    expect(cells(header!)).toEqual(['Project', 'Type', 'Labels', 'Discarded', 'Accuracy', 'Gold correct / seen']);
    expect(cells(animals!)).toEqual(['Animals', 'Classification', '6', '1', '50%', '2 / 3 (67%)']);
    expect(within(animals!).getByRole('link', { name: 'Animals' }).getAttribute('href')).toMatch(/\/projects\/3\/show\/quality$/);
    expect(cells(tags!)).toEqual(['Tags', 'Multi-label', '1', '0', 'Not aggregated yet', '—']);

    expect(screen.getByRole('heading', { name: 'Accuracy over time' })).toBeTruthy();
    expect(screen.getByText('7 labels, 1 discarded')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Accuracy over time' })).toBeTruthy();

    const matrix = screen.getByRole('table', { name: 'Confusion matrix of Animals' });
    const rows = within(matrix).getAllByRole('row');
    expect(rows.map(cells)).toEqual([
      ['True ↓ / answered →', 'cat', 'dog', 'bird'],
      ['cat', '2', '0', '0'],
      ['dog', '1', '0', '0'],
      ['bird', '0', '1', '1'],
    ]);
    expect(within(rows[3]!).getAllByRole('cell')[1]!.getAttribute('title')).toBe('1 of 2 labels whose answer is bird (50%)');
    expect(screen.getByText('3 of 5 labels right (60%)')).toBeTruthy();

    const history = screen.getByRole('table', { name: 'Suspension history' });
    const [, active, lifted] = within(history).getAllByRole('row');
    expect(within(active!).getByText('All projects')).toBeTruthy();
    expect(within(active!).getByText('Suspended by an admin')).toBeTruthy();
    expect(within(active!).getByText('Active')).toBeTruthy();
    expect(within(lifted!).getByText('Animals')).toBeTruthy();
    expect(within(lifted!).getByText('Failed gold checks')).toBeTruthy();
    expect(within(lifted!).getByText('Lifted')).toBeTruthy();
    expect(within(lifted!).getByText('0xf39F…2266').getAttribute('title')).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  });

  it('asks again for one project when filtered, and explains why a non-classification project has no matrix', async () => {
    const getAnnotatorQuality = vi.fn((_: Identifier, projectId?: Identifier | null) =>
      Promise.resolve(
        projectId === 4
          ? { ...quality, projectId: 4, days: [quality.days[1]!], confusion: [] }
          : projectId === 3
            ? {
                ...quality,
                projectId: 3,
                confusion: quality.confusion.map((m) => ({ ...m, counts: m.counts.map((r) => r.map(() => 0)), total: 0, correct: 0 })),
              }
            : quality,
      ),
    );
    renderTab(getAnnotatorQuality);
    const filter = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Project' });
    expect([...filter.options].map((option) => option.textContent)).toEqual(['All projects', 'Animals', 'Tags']);

    fireEvent.change(filter, { target: { value: '4' } });
    expect(
      await screen.findByText('No confusion matrix: “Tags” is a Multi-label project, and matrices are for classification projects.'),
    ).toBeTruthy();
    expect(getAnnotatorQuality).toHaveBeenLastCalledWith(8, 4);
    expect(screen.getByText('4 labels, 1 discarded')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /Confusion matrix of/ })).toBeNull();
    // The summary always covers every project.
    expect(within(screen.getByRole('table', { name: 'Per project' })).getAllByRole('row')).toHaveLength(3);

    fireEvent.change(filter, { target: { value: '3' } });
    expect(
      await screen.findByText('No labels with a known answer yet: they count once the item has a gold or an inferred answer.'),
    ).toBeTruthy();
    expect(getAnnotatorQuality).toHaveBeenLastCalledWith(8, 3);
  });

  it('says so when the user has labelled nothing, and still shows the suspensions', async () => {
    renderTab(() => Promise.resolve({ ...quality, projects: [], days: [], confusion: [], suspensions: [] }));
    expect(await screen.findByText('This user has not labelled anything yet.')).toBeTruthy();
    expect(screen.getByText('Never suspended.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('has labels without measurable answers: no chart, but says why', async () => {
    renderTab(() =>
      Promise.resolve({
        ...quality,
        days: [
          {
            day: '2026-03-04',
            labels: 2,
            discarded: 0,
            compared: 0,
            agreed: 0,
            agreement: null,
            goldSeen: 0,
            goldCorrect: 0,
            goldAccuracy: null,
          },
        ],
        confusion: [],
        projects: [quality.projects[1]!],
      }),
    );
    expect(await screen.findByText('None of these labels has an inferred or gold answer yet.')).toBeTruthy();
    expect(screen.queryByRole('figure')).toBeNull();
    expect(screen.getByText('No confusion matrix: none of this annotator’s projects is a classification project.')).toBeTruthy();
  });

  it('shows the error with a retry', async () => {
    // react-admin's data provider proxy logs every failed call.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const getAnnotatorQuality = vi.fn(() => Promise.reject(new Error('User 8 not found')));
    renderTab(getAnnotatorQuality);
    expect(await screen.findByText('The annotator’s quality could not be loaded: User 8 not found')).toBeTruthy();
    const calls = getAnnotatorQuality.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await vi.waitFor(() => expect(getAnnotatorQuality.mock.calls.length).toBeGreaterThan(calls));
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(2));
    logged.mockRestore();
  });
});

describe('rowShare', () => {
  it('is a cell’s share of its row, 0 for an empty row', () => {
    expect(rowShare([[3, 1]], 0, 0)).toBe(0.75);
    expect(rowShare([[0, 0]], 0, 1)).toBe(0);
  });
});
