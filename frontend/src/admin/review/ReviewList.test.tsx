import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, HttpError, Notification, ResourceContextProvider, testDataProvider, type DataProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { i18nProvider } from '../i18n/i18nProvider';
import type { ReviewItem } from '../types';
import { ReviewList } from './ReviewList';

const item: ReviewItem = {
  id: 5,
  projectId: 3,
  data: { text: 'A small animal that purrs' },
  files: {},
  result: { label: 'cat' },
  confidence: 0.42,
  labels: [
    { annotationId: 11, annotatorId: 7, annotatorAddress: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', result: { label: 'cat' } },
    { annotationId: 12, annotatorId: 8, annotatorAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', result: { label: 'dog' } },
  ],
};

function renderList(items: ReviewItem[], decideReview = vi.fn(() => Promise.resolve({ itemId: 5, outcome: 'accepted' }))) {
  const getList = vi.fn(() => Promise.resolve({ data: items, total: items.length }));
  // The data provider's update of a review item is the decision (dataProvider.ts).
  const update = vi.fn((_resource: string, params: { id: number; data: { decision: string }; previousData: ReviewItem }) =>
    Promise.resolve({ data: { ...params.previousData, decision: params.data.decision } }),
  );
  const dataProvider = {
    ...testDataProvider(),
    getList,
    getMany: () => Promise.resolve({ data: [{ id: 3, name: 'Cats' }] }),
    getOne: () => Promise.resolve({ data: { id: 3, name: 'Cats', type: 'classification', labels: ['cat', 'dog'] } }),
    update,
    decideReview,
  } as unknown as DataProvider;
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={dataProvider}>
      <ResourceContextProvider value="review">
        <ReviewList />
      </ResourceContextProvider>
      <Notification />
    </AdminContext>,
  );
  return { getList, decideReview, update };
}

describe('ReviewList', () => {
  it("shows the item, the inferred answer, its confidence and each annotator's label, with the decision buttons", async () => {
    const { getList } = renderList([item]);
    const row = (await screen.findByText('A small animal that purrs')).closest('tr')!;
    expect(getList).toHaveBeenCalledWith('review', expect.objectContaining({ sort: { field: 'confidence', order: 'ASC' } }));
    expect(within(row).getByText('42%')).toBeTruthy();
    expect(within(row).getByText('0xf39F…2266:')).toBeTruthy();
    expect(within(row).getByText('0x7099…79C8:')).toBeTruthy();
    expect(within(row).getByText('dog')).toBeTruthy();
    expect(within(row).getAllByText('cat')).toHaveLength(2);
    expect(within(row).getByRole('button', { name: 'Accept the inferred answer of item 5' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Reject item 5' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Fix the answer of item 5' })).toBeTruthy();
  });

  it('Accept can be undone while its message shows: nothing is sent and the row is back', async () => {
    const { update } = renderList([item]);
    fireEvent.click(await screen.findByRole('button', { name: 'Accept the inferred answer of item 5' }));
    expect(await screen.findByText('Accepted: Undo in the message below')).toBeTruthy();
    expect(await screen.findByText('Item 5 accepted')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('button', { name: 'Accept the inferred answer of item 5' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Item 5 accepted')).toBeNull());
    expect(update).not.toHaveBeenCalled();
  });

  it('Reject is sent once its undo message closes, and the queue reloads', async () => {
    const { getList, update } = renderList([item]);
    fireEvent.click(await screen.findByRole('button', { name: 'Reject item 5' }));
    expect(await screen.findByText('Item 5 rejected')).toBeTruthy();
    expect(update).not.toHaveBeenCalled();
    // A click elsewhere closes the message, which lets the decision go.
    fireEvent.click(document.body);
    await waitFor(() => expect(update).toHaveBeenCalledWith('review', expect.objectContaining({ id: 5, data: { decision: 'rejected' } })));
    await waitFor(() => expect(getList.mock.calls.length).toBeGreaterThan(1));
  });

  it("Fix opens the inferred answer in the annotators' widget and posts the corrected one", async () => {
    const decideReview = vi.fn(() => Promise.resolve({ itemId: 5, outcome: 'fixed_and_accepted' }));
    renderList([item], decideReview);
    fireEvent.click(await screen.findByRole('button', { name: 'Fix the answer of item 5' }));
    const dialog = screen.getByRole('dialog', { name: 'Fix the answer of item 5' });
    const cat = await within(dialog).findByRole<HTMLInputElement>('radio', { name: /cat/ });
    expect(cat.checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: /dog/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fix and accept' }));
    await waitFor(() => expect(decideReview).toHaveBeenCalledWith(5, 'fixed_and_accepted', { label: 'dog' }));
  });

  it('Fix keeps the edited answer on screen when the save fails (offline, 5xx), and saves it on the next click', async () => {
    const decideReview = vi
      .fn()
      .mockRejectedValueOnce(new HttpError('Service Unavailable', 503))
      .mockResolvedValueOnce({ itemId: 5, outcome: 'fixed_and_accepted' });
    renderList([item], decideReview);
    fireEvent.click(await screen.findByRole('button', { name: 'Fix the answer of item 5' }));
    const dialog = screen.getByRole('dialog', { name: 'Fix the answer of item 5' });
    fireEvent.click(await within(dialog).findByRole('radio', { name: /dog/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fix and accept' }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(within(dialog).getByRole<HTMLInputElement>('radio', { name: /dog/ }).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fix and accept' }));
    await waitFor(() => expect(decideReview).toHaveBeenLastCalledWith(5, 'fixed_and_accepted', { label: 'dog' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says there is nothing to review', async () => {
    renderList([]);
    expect(await screen.findByText('Nothing to review')).toBeTruthy();
  });
});
