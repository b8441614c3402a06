import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdminApp from '../AdminApp';
import { jsonResponse, listResponse, signIn, stubFetch } from '../testing';

describe('DatasetList', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('says how a first version is made when there is none', async () => {
    signIn(['admin']);
    stubFetch({ 'GET /api/datasets': () => listResponse('datasets', []), 'GET /api/projects': () => listResponse('projects', []) });
    window.history.replaceState(null, '', '/admin/datasets');
    render(<AdminApp />);
    expect(await screen.findByText('No dataset versions yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Build a version' })).toBeTruthy();
  });

  it('lists versions with their project, kind, status and size, from the console menu', async () => {
    signIn(['admin']);
    const row = {
      id: 12,
      projectId: 3,
      kind: 'synthetic',
      sourceVersionId: 11,
      name: 'Sentiment v1 (synthetic)',
      description: '',
      license: 'CC-BY-4.0',
      intendedUse: null,
      filters: {},
      splits: { train: 0.8, validation: 0.1, test: 0.1 },
      seed: 1,
      status: 'ready',
      progress: { step: 'ready', done: 1, total: 1 },
      error: null,
      itemCount: 5000,
      files: [],
      datasheet: null,
      provenance: null,
      report: null,
      createdAt: '2026-12-03T10:00:00.000Z',
      updatedAt: '2026-12-03T10:00:00.000Z',
      finishedAt: '2026-12-03T10:00:00.000Z',
    };
    stubFetch({
      'GET /api/datasets': () => listResponse('datasets', [row]),
      'GET /api/projects': () => listResponse('projects', [{ id: 3, name: 'Airline tweets' }]),
      'GET /api/projects/3': () => jsonResponse({ id: 3, name: 'Airline tweets' }),
    });
    window.history.replaceState(null, '', '/admin/datasets');
    render(<AdminApp />);
    const cell = await screen.findByText('Sentiment v1 (synthetic)');
    const tableRow = cell.closest('tr')!;
    expect(within(tableRow).getByText('Synthetic')).toBeTruthy();
    expect(within(tableRow).getByText('Ready')).toBeTruthy();
    expect(within(tableRow).getByText('5,000')).toBeTruthy();
    expect(await within(tableRow).findByText('Airline tweets')).toBeTruthy();
    expect(screen.getByRole('menuitem', { name: 'Datasets' })).toBeTruthy();
  });
});
