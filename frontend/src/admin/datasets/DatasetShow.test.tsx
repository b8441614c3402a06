import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdminApp from '../AdminApp';
import { jsonResponse, signIn, stubFetch } from '../testing';
import type { Dataset } from '../types';

const SHA = 'ab'.repeat(32);
const CID = 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o';

const ready: Dataset = {
  id: 12,
  projectId: 3,
  kind: 'curated',
  sourceVersionId: null,
  name: 'Sentiment v1',
  description: 'Tweets about airlines',
  license: 'CC-BY-4.0',
  intendedUse: 'Training sentiment classifiers',
  filters: { minConfidence: 0.8 },
  splits: { train: 0.8, validation: 0.1, test: 0.1 },
  seed: 42,
  status: 'ready',
  progress: { step: 'ready', done: 3, total: 3 },
  error: null,
  itemCount: 3,
  files: [
    {
      name: 'data.jsonl',
      format: 'jsonl',
      mediaType: 'application/jsonlines',
      bytes: 1_234_567,
      sha256: SHA,
      cid: CID,
      encryptedBytes: 1_300_000,
    },
    { name: 'data.csv', format: 'csv', mediaType: 'text/csv', bytes: 900, sha256: SHA, cid: CID, encryptedBytes: 1000 },
  ],
  datasheet: {
    motivation: { intendedUse: 'Training sentiment classifiers', description: 'Tweets about airlines' },
    composition: {
      instances: 3,
      bySplit: { train: 2, validation: 1, test: 0 },
      classBalance: { train: { positive: 1, negative: 1 }, validation: { positive: 1 }, test: {} },
      bySource: { inferred: 3, gold: 0, review: 0 },
    },
    collection: {
      annotations: 9,
      meanLabelsPerItem: 3,
      annotators: [{ annotatorId: 5, labels: 3, trust: 0.91 }],
      timeSpan: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' },
    },
    labeling: {
      methods: { 'ds@2': 3 },
      agreement: { krippendorffAlpha: 0.734, pairableItems: 3, note: 'Nominal alpha over the annotators’ labels.' },
      confidenceHistogram: [
        { from: 0.8, to: 0.9, items: 1 },
        { from: 0.9, to: 1, items: 2 },
      ],
      filters: { minConfidence: 0.8 },
      split: { fractions: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 42, stratifiedBy: 'label' },
    },
    distribution: { license: 'CC-BY-4.0' },
  },
  provenance: { projectId: 3 },
  report: null,
  publication: null,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:01:00.000Z',
  finishedAt: '2026-12-03T10:01:00.000Z',
};

const NFT = '0x1B083D8584dd3e6Ff37d04a6e7e82b5F622f3985';
const MINT_TX = `0x${'7a'.repeat(32)}`;
const publishing: NonNullable<Dataset['publication']> = {
  status: 'publishing',
  step: 'mint',
  price: '2.5',
  free: false,
  did: null,
  nftAddress: null,
  datatokenAddress: null,
  exchangeAddress: null,
  exchangeId: null,
  dispenserAddress: null,
  mintTx: null,
  metadataTx: null,
  explorerTxUrl: 'https://explorer.example/tx/',
  error: null,
  createdAt: '2026-12-03T11:00:00.000Z',
  publishedAt: null,
};

const building: Dataset = {
  ...ready,
  status: 'building',
  progress: { step: 'export', done: 2, total: 6 },
  itemCount: 3,
  files: [],
  datasheet: null,
  finishedAt: null,
};

const JSONL = [
  { id: 'a', item_id: 1, split: 'train', text: 'great flight', label: 'positive', annotations: [] },
  { id: 'b', item_id: 2, split: 'validation', text: 'lost my bag', label: 'negative', annotations: [] },
  { id: 'c', item_id: 3, split: 'train', text: 'cut' },
]
  .map((row) => JSON.stringify(row))
  .join('\n')
  // The range ends inside the third line: the preview must not show it.
  .slice(0, -4);

function open(path: string) {
  window.history.replaceState(null, '', `/admin/datasets/12/show${path}`);
  render(<AdminApp />);
}

describe('DatasetShow', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('follows a build while it runs, then lists the files with sizes, checksums and CIDs', async () => {
    signIn(['admin']);
    let reads = 0;
    stubFetch({
      'GET /api/datasets/12': () => jsonResponse(++reads < 2 ? building : ready),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
    });
    open('');
    expect(await screen.findByText('Exporting, encrypting and storing: 2 of 6')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Build progress of version 12' })).toBeTruthy();
    // The page polls until the build ends.
    expect(await screen.findByText('Ready')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Files' }));
    const table = await screen.findByRole('table', { name: 'Files' });
    expect(within(table).getByText('data.jsonl')).toBeTruthy();
    expect(within(table).getByText('1.2 MB')).toBeTruthy();
    expect(within(table).getAllByText(CID)).toHaveLength(2);
    expect(within(table).getAllByTitle(SHA)).toHaveLength(2);
  });

  it('draws the datasheet: counts per split, alpha, time span, annotators with their trust', async () => {
    signIn(['admin']);
    stubFetch({
      'GET /api/datasets/12': () => jsonResponse(ready),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
    });
    open('/datasheet');
    expect(await screen.findByText('0.734')).toBeTruthy();
    expect(screen.getByText('Answers by method: ds@2: 3')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Class balance per split' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Confidence of the answers' })).toBeTruthy();
    const annotators = screen.getByRole('table', { name: 'Annotators and their trust' });
    expect(within(annotators).getByText('#5')).toBeTruthy();
    expect(within(annotators).getByText('0.91')).toBeTruthy();
    expect(screen.getByText(/Labels given from/)).toBeTruthy();
  });

  it('previews rows of each split from the start of the JSONL file, without a line the range cut', async () => {
    signIn(['admin']);
    const calls = stubFetch({
      'GET /api/datasets/12': () => jsonResponse(ready),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
      'GET /api/datasets/12/files/data.jsonl': () =>
        new Response(JSONL, { status: 206, headers: { 'content-type': 'application/jsonlines' } }),
    });
    open('/preview');
    const train = await screen.findByRole('table', { name: 'Train' });
    expect(within(train).getByText('great flight')).toBeTruthy();
    expect(within(train).queryByText('cut')).toBeNull();
    expect(within(screen.getByRole('table', { name: 'Validation' })).getByText('lost my bag')).toBeTruthy();
    expect(screen.getByText('No rows of this split at the start of the file.')).toBeTruthy();
    const read = calls.find((call) => call.url.pathname === '/api/datasets/12/files/data.jsonl');
    expect(read).toBeTruthy();
    const headers = (vi.mocked(fetch).mock.calls.find(([url]) => typeof url === 'string' && url.includes('/files/data.jsonl'))?.[1]
      ?.headers ?? {}) as Headers;
    expect(headers.get('Range')).toBe('bytes=0-262143');
    expect(headers.get('Authorization')).toBe('Bearer test-token');
  });

  it('downloads a file with the session token and shows the error the server gave', async () => {
    signIn(['admin']);
    stubFetch({
      'GET /api/datasets/12': () => jsonResponse(ready),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
      'GET /api/datasets/12/files/data.csv': () =>
        jsonResponse({ statusCode: 500, code: 'STORAGE_UNAVAILABLE', message: 'storage is down' }, 500),
    });
    open('/files');
    fireEvent.click(await screen.findByRole('button', { name: 'Download data.csv' }));
    expect(await screen.findByText(/Could not download data.csv: storage is down/)).toBeTruthy();
  });

  it('offers synthetic data from a ready curated version and opens the new version', async () => {
    signIn(['admin']);
    const calls = stubFetch({
      'GET /api/datasets/12': () => jsonResponse(ready),
      'GET /api/datasets/13': () =>
        jsonResponse({ ...building, id: 13, kind: 'synthetic', sourceVersionId: 12, name: 'Sentiment v1 (synthetic)' }),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
      'POST /api/datasets/12/synthetic': () => jsonResponse({ id: 13, status: 'building' }, 202),
    });
    open('');
    fireEvent.click(await screen.findByRole('button', { name: 'Make synthetic data' }));
    fireEvent.change(screen.getByLabelText('Rows'), { target: { value: '0' } });
    expect(screen.getByText('A whole number from 1 to 1000000')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Rows'), { target: { value: '500' } });
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make' }));
    expect(await screen.findByText('Made from version #12')).toBeTruthy();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ rows: 500, seed: 7 });
  });

  it('publishes at a price, follows the steps and shows the DID and transactions with explorer links', async () => {
    signIn(['admin']);
    let reads = 0;
    const calls = stubFetch({
      'GET /api/datasets/12': () =>
        jsonResponse(
          reads++ === 0
            ? ready
            : reads < 3
              ? { ...ready, publication: publishing }
              : {
                  ...ready,
                  publication: {
                    ...publishing,
                    status: 'published',
                    step: 'done',
                    did: `did:op:${'ab'.repeat(32)}`,
                    nftAddress: NFT,
                    mintTx: MINT_TX,
                  },
                },
        ),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
      'POST /api/datasets/12/publish': () => jsonResponse({ id: 12, status: 'publishing' }, 202),
    });
    open('/publication');
    expect(await screen.findByText(/Not published yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Publish on Ocean' }));
    fireEvent.change(screen.getByLabelText('Price per datatoken (base tokens)'), { target: { value: '0' } });
    expect(screen.getByText('The price must be above 0: publish it free instead')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Price per datatoken (base tokens)'), { target: { value: '2.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ price: '2.5' }));
    expect(await screen.findByText(`Published as did:op:${'ab'.repeat(32)}`)).toBeTruthy();
    const details = screen.getByRole('table', { name: 'On-chain details' });
    expect(within(details).getByText(NFT)).toBeTruthy();
    expect(within(details).getByRole('link', { name: MINT_TX }).getAttribute('href')).toBe(`https://explorer.example/tx/${MINT_TX}`);
    expect(screen.queryByRole('button', { name: 'Publish on Ocean' })).toBeNull();
  });

  it('shows a failed build with its error and no files', async () => {
    signIn(['admin']);
    stubFetch({
      'GET /api/datasets/12': () => jsonResponse({ ...building, status: 'failed', error: 'project 3 has no settled answers' }),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
    });
    open('');
    expect(await screen.findByText('The build failed: project 3 has no settled answers')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Make synthetic data' })).toBeNull();
    await waitFor(() => expect(screen.getAllByText('Failed').length).toBeGreaterThan(0));
  });
});
