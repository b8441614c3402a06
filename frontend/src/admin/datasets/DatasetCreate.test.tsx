import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AdminApp from '../AdminApp';
import { jsonResponse, listResponse, signIn, stubFetch } from '../testing';

const project = { id: 3, name: 'Airline tweets', type: 'classification', labels: ['positive', 'negative'], status: 'active' };

function pick(label: string, option: string) {
  const input = screen.getByRole('combobox', { name: label });
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: option.slice(0, 4) } });
  return screen.findByRole('option', { name: option }).then((element) => fireEvent.click(element));
}

describe('DatasetCreate (Build a version)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('sends the project, licence, filters, splits and seed, then follows the new version', async () => {
    signIn(['admin']);
    const calls = stubFetch({
      'GET /api/projects': () => listResponse('projects', [project]),
      'GET /api/projects/3': () => jsonResponse(project),
      'POST /api/datasets': () => jsonResponse({ id: 12, status: 'building' }, 202),
      'GET /api/datasets/12': () =>
        jsonResponse({
          id: 12,
          projectId: 3,
          kind: 'curated',
          sourceVersionId: null,
          name: 'Sentiment v1',
          description: '',
          license: 'CC-BY-4.0',
          intendedUse: null,
          filters: { minConfidence: 0.9 },
          splits: { train: 0.7, validation: 0.2, test: 0.1 },
          seed: 42,
          status: 'building',
          progress: { step: 'select', done: 0, total: 0 },
          error: null,
          itemCount: null,
          files: [],
          datasheet: null,
          provenance: null,
          report: null,
          createdAt: '2026-12-03T10:00:00.000Z',
          updatedAt: '2026-12-03T10:00:00.000Z',
          finishedAt: null,
        }),
    });
    window.history.replaceState(null, '', '/admin/datasets/create');
    render(<AdminApp />);
    await screen.findByRole('combobox', { name: 'Project' });
    await pick('Project', 'Airline tweets');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Sentiment v1' } });
    await pick('Licence', 'CC-BY-4.0');
    fireEvent.change(screen.getByLabelText('Minimum confidence'), { target: { value: '0.9' } });
    fireEvent.change(screen.getByLabelText('Train'), { target: { value: '0.7' } });
    fireEvent.submit(document.querySelector('form')!);
    // 0.7 + 0.1 + 0.1: the form says so before anything is sent.
    expect(await screen.findByText('Train, validation and test must add up to 1')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByLabelText('Validation'), { target: { value: '0.2' } });
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '42' } });
    fireEvent.submit(document.querySelector('form')!);
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      projectId: 3,
      name: 'Sentiment v1',
      license: 'CC-BY-4.0',
      filters: { minConfidence: 0.9 },
      splits: { train: 0.7, validation: 0.2, test: 0.1 },
      seed: 42,
    });
    expect(await screen.findByText('Selecting items')).toBeTruthy();
  });
});
