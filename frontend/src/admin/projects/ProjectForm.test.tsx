import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AdminContext, ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AdminApp from '../AdminApp';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { jsonResponse, signIn, stubFetch } from '../testing';
import { ProjectCreate } from './ProjectCreate';

const project = {
  id: 5,
  name: 'Birds',
  type: 'text',
  labels: [],
  overlap: 1,
  maxOverlap: 1,
  targetConfidence: 0.8,
  goldRate: 0.1,
  qualificationSize: 4,
  qualificationMinAccuracy: 0.75,
  leaseSeconds: 300,
  rewardPerLabel: '0.5',
  rewardBudget: '1000',
  instructions: '',
  status: 'draft',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  stats: { items: 0, completedItems: 0, annotations: 0 },
};

function renderCreate() {
  const calls = stubFetch({
    'POST /api/projects': () => jsonResponse(project, 201),
    'GET /api/projects/5': () => jsonResponse(project),
  });
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={createDataProvider()}>
      <ResourceContextProvider value="projects">
        <ProjectCreate />
      </ResourceContextProvider>
    </AdminContext>,
  );
  return calls;
}

async function fillProject() {
  fireEvent.change(await screen.findByRole('textbox', { name: 'Name' }), { target: { value: 'Birds' } });
  fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Type' }));
  fireEvent.click(await screen.findByRole('option', { name: 'Free text' }));
}

describe('project reward budget', () => {
  beforeEach(() => {
    signIn(['admin']);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('refuses a budget that is not a token amount', async () => {
    const calls = renderCreate();
    await fillProject();
    const budget = screen.getByRole('textbox', { name: 'Reward budget' });
    for (const value of ['-5', '1e3', '1,000', '0.1234567890123456789']) {
      fireEvent.change(budget, { target: { value: '100' } });
      await waitFor(() => expect(budget.getAttribute('aria-invalid')).not.toBe('true'));
      fireEvent.change(budget, { target: { value } });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(budget.getAttribute('aria-invalid')).toBe('true'));
      expect(screen.getByText(/Use a decimal number of tokens such as 1000/)).toBeTruthy();
    }
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('sends the budget', async () => {
    const calls = renderCreate();
    await fillProject();
    fireEvent.change(screen.getByRole('textbox', { name: 'Reward budget' }), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ name: 'Birds', rewardBudget: '1000' }));
  });

  it('creates without a budget when the field stays empty', async () => {
    const calls = renderCreate();
    await fillProject();
    expect(screen.getByText('Most tokens the project pays in all; work stops when it is committed. Empty: no limit.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')).toBeTruthy());
    expect(calls.find((call) => call.method === 'POST')?.body).not.toHaveProperty('rewardBudget');
  });

  it('shows the budget on the project page, "No limit" without one', async () => {
    stubFetch({ 'GET /api/projects/5': () => jsonResponse({ ...project, rewardBudget: null }) });
    window.history.replaceState(null, '', '/admin/projects/5/show');
    render(<AdminApp />);
    expect(await screen.findByText('Reward budget')).toBeTruthy();
    expect(screen.getByText('No limit')).toBeTruthy();
  });
});
