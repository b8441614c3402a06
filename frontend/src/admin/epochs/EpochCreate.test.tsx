import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AdminContext, Notification, ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { jsonResponse, signIn, stubFetch, type FetchRoute } from '../testing';
import { EpochCreate } from './EpochCreate';
import { validateCloseEpoch } from './epochValidation';

const epoch = {
  id: 7,
  mode: 'claim',
  status: 'closed',
  total: '12.5',
  totalWei: '12500000000000000000',
  recipients: 2,
  root: `0x${'ab'.repeat(32)}`,
  expiresAt: '2027-01-01T00:00:00.000Z',
  createdAt: '2026-12-01T00:00:00.000Z',
  postedAt: null,
  claimedCount: 0,
  claimedAmount: '0',
  postTxHash: null,
};

function renderCreate(close: FetchRoute) {
  const calls = stubFetch({ 'POST /api/epochs': close, 'GET /api/epochs/7': () => jsonResponse(epoch) });
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={createDataProvider()}>
      <ResourceContextProvider value="epochs">
        <EpochCreate />
      </ResourceContextProvider>
      <Notification />
    </AdminContext>,
  );
  return calls;
}

describe('validateCloseEpoch', () => {
  it('needs a mode and a whole number of days from 1 to 365', () => {
    expect(validateCloseEpoch({ mode: 'claim', expiresInDays: 30 })).toEqual({});
    expect(validateCloseEpoch({ mode: 'push', expiresInDays: 1 })).toEqual({});
    expect(validateCloseEpoch({ mode: 'claim', expiresInDays: 365 })).toEqual({});
    for (const expiresInDays of [0, 366, 2.5, -1, null, undefined]) {
      expect(validateCloseEpoch({ mode: 'claim', expiresInDays }).expiresInDays).toEqual({
        message: 'tessera.admin.epochs.validation.expiresInDays',
        args: { min: 1, max: 365 },
      });
    }
    expect(validateCloseEpoch({ mode: null, expiresInDays: 30 }).mode).toBe('tessera.admin.epochs.validation.mode');
    expect(validateCloseEpoch({ mode: 'weekly' as 'claim', expiresInDays: 30 }).mode).toBe('tessera.admin.epochs.validation.mode');
  });
});

describe('EpochCreate (Close epoch)', () => {
  beforeEach(() => {
    signIn(['admin']);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    // The lists keep their filters in the location.
    window.history.replaceState(null, '', '/');
  });

  it('closes a claim epoch of 30 days by default', async () => {
    const calls = renderCreate(() => jsonResponse(epoch, 201));
    expect(await screen.findByText(/Closing an epoch puts every credited reward/)).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Days to claim' }).value).toBe('30');
    fireEvent.click(screen.getByRole('button', { name: 'Close epoch' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ mode: 'claim', expiresInDays: 30 });
  });

  it('refuses an expiry outside 1-365 days without calling the API', async () => {
    const calls = renderCreate(() => jsonResponse(epoch, 201));
    const days = await screen.findByRole<HTMLInputElement>('spinbutton', { name: 'Days to claim' });
    // Submitted as a form: on a click, the input's own min/max/step check would stop the browser first.
    for (const value of ['0', '366', '2.5', '']) {
      fireEvent.change(days, { target: { value: '30' } });
      await waitFor(() => expect(days.getAttribute('aria-invalid')).toBe('false'));
      fireEvent.change(days, { target: { value } });
      fireEvent.submit(days.closest('form')!);
      await waitFor(() => expect(days.getAttribute('aria-invalid')).toBe('true'));
      expect(screen.getByText('A whole number of days from 1 to 365')).toBeTruthy();
    }
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('sends the chosen mode and days', async () => {
    const calls = renderCreate(() => jsonResponse({ ...epoch, mode: 'push' }, 201));
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: 'Mode' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Push (batch transfers)' }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Days to claim' }), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close epoch' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ mode: 'push', expiresInDays: 7 }));
  });

  it('says there is nothing to pay on a 409 NOTHING_TO_PAY', async () => {
    // react-admin's data provider proxy logs every failed call; this one is expected.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderCreate(() =>
      jsonResponse({ statusCode: 409, code: 'NOTHING_TO_PAY', message: 'No annotator has anything due: there is no epoch to close' }, 409),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Close epoch' }));
    expect(await screen.findByText('Nothing to pay: no annotator has credited rewards outside an epoch.')).toBeTruthy();
  });

  it('shows other refusals with their message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderCreate(() => jsonResponse({ statusCode: 503, code: 'CHAIN_UNAVAILABLE', message: 'the chain cannot be reached' }, 503));
    fireEvent.click(await screen.findByRole('button', { name: 'Close epoch' }));
    expect(await screen.findByText('The epoch could not be closed: the chain cannot be reached')).toBeTruthy();
  });
});
