import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AdminApp from './AdminApp';
import { signIn } from './testing';

const projects = [
  {
    id: 1,
    name: 'Cats and dogs',
    type: 'classification',
    labels: ['cat', 'dog'],
    overlap: 3,
    leaseSeconds: 300,
    rewardPerLabel: '0.5',
    instructions: '',
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    stats: { items: 10, completedItems: 4, annotations: 12, discardedAnnotations: 2 },
  },
];

let dashboard = {
  labelsPerDay: Array.from({ length: 30 }, (_, i) => ({ day: `2026-01-${String(i + 1).padStart(2, '0')}`, labels: 0 })),
  activeAnnotators: { today: 2, last7Days: 5, last30Days: 9 },
  totals: { projects: 1, items: 10, annotations: 12, discardedAnnotations: 2, annotators: 9, pendingReviews: 3, activeSuspensions: 1 },
  projects: [] as Array<{
    id: number;
    name: string;
    status: string;
    items: number;
    completedItems: number;
    annotations: number;
    discardedAnnotations: number;
  }>,
};
const emptyDashboard = dashboard;

function stubApi() {
  const fetchMock = vi.fn((input: RequestInfo | URL) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    if (url.pathname === '/api/projects') {
      return Promise.resolve(
        new Response(JSON.stringify(projects), { headers: { 'content-type': 'application/json', 'content-range': 'projects 0-0/1' } }),
      );
    }
    if (url.pathname === '/api/stats/dashboard') return Promise.resolve(new Response(JSON.stringify(dashboard)));
    return Promise.resolve(new Response(JSON.stringify({ message: 'not found' }), { status: 404 }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('AdminApp', () => {
  beforeEach(() => {
    stubApi();
  });

  afterEach(() => {
    dashboard = emptyDashboard;
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('lists projects for an admin, with chips and progress', async () => {
    signIn(['admin']);
    window.history.replaceState(null, '', '/admin/projects');
    render(<AdminApp />);
    const row = (await screen.findByText('Cats and dogs')).closest('tr')!;
    expect(within(row).getByText('Classification')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    expect(within(row).getByText('4 of 10 items complete')).toBeTruthy();
    expect(within(row).getByRole('progressbar', { name: 'Progress of Cats and dogs' })).toBeTruthy();
  });

  it('shows the dashboard with its empty states', async () => {
    signIn(['admin']);
    window.history.replaceState(null, '', '/admin/');
    render(<AdminApp />);
    expect(await screen.findByText('No labels in the last 30 days.')).toBeTruthy();
    expect(screen.getByText('No projects yet.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Active annotators · Today' })).toBeTruthy();
  });

  it('counts labels submitted with the counted and discarded split, and shows pending reviews and active suspensions', async () => {
    signIn(['admin']);
    window.history.replaceState(null, '', '/admin/');
    render(<AdminApp />);
    const labels = (await screen.findByRole('heading', { name: 'Labels submitted' })).closest('.MuiCard-root') as HTMLElement;
    expect(within(labels).getByText('12')).toBeTruthy();
    expect(within(labels).getByText('10 counted · 2 discarded')).toBeTruthy();
    const reviews = screen.getByRole('heading', { name: 'Pending reviews' }).closest('.MuiCard-root') as HTMLElement;
    expect(within(reviews).getByText('3')).toBeTruthy();
    expect(within(reviews).getByRole('link').getAttribute('href')).toBe('/admin/review');
    const suspensions = screen.getByRole('heading', { name: 'Active suspensions' }).closest('.MuiCard-root') as HTMLElement;
    expect(within(suspensions).getByText('1')).toBeTruthy();
  });

  it("charts labels per day and lists each project's progress", async () => {
    dashboard = {
      ...emptyDashboard,
      labelsPerDay: emptyDashboard.labelsPerDay.map((day, i) => ({ ...day, labels: i % 3 })),
      projects: [
        { id: 1, name: 'Cats and dogs', status: 'active', items: 10, completedItems: 4, annotations: 12, discardedAnnotations: 2 },
      ],
    };
    signIn(['admin']);
    window.history.replaceState(null, '', '/admin/');
    render(<AdminApp />);
    expect(await screen.findByRole('heading', { name: 'Labels per day' })).toBeTruthy();
    expect(screen.queryByText('No labels in the last 30 days.')).toBeNull();
    expect(screen.getByRole('progressbar', { name: 'Progress of Cats and dogs' }).getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('4 / 10 items')).toBeTruthy();
    expect(screen.getByText('12 labels submitted (10 counted · 2 discarded)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cats and dogs' }).getAttribute('href')).toBe('/admin/projects/1/show');
  });

  it('tells a wallet without an admin role that it has none', async () => {
    signIn(['annotator']);
    window.history.replaceState(null, '', '/admin/');
    render(<AdminApp />);
    expect(await screen.findByText(/has no admin role/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('sends a signed-out deep link to the wallet login page in one replace, remembering the link', async () => {
    window.history.replaceState(null, '', '/admin/projects');
    const push = vi.spyOn(window.history, 'pushState');
    const before = window.history.length;
    render(<AdminApp />);
    expect(await screen.findByRole('button', { name: 'Sign in with wallet' })).toBeTruthy();
    expect(window.location.pathname).toBe('/admin/login');
    expect(push).not.toHaveBeenCalled();
    expect(window.history.length).toBe(before);
    expect((window.history.state as { usr?: { nextPathname?: string } }).usr?.nextPathname).toBe('/admin/projects');
  });

  it('takes a signed-in visit to the login page on to the console', async () => {
    signIn(['admin']);
    window.history.replaceState(null, '', '/admin/login');
    render(<AdminApp />);
    expect(await screen.findByText('No projects yet.')).toBeTruthy();
    expect(window.location.pathname).toBe('/admin');
  });
});

describe('AdminApp focus', () => {
  beforeEach(() => {
    stubApi();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it("moves focus to the page's heading when a page opens and after each navigation", async () => {
    signIn(['admin']);
    window.history.replaceState(null, '', '/admin/');
    render(<AdminApp />);
    await screen.findByText('No projects yet.');
    await waitFor(() => expect(document.activeElement?.id).toBe('react-admin-title'));
    const projectsLink = screen.getAllByRole('menuitem').find((item) => item.textContent?.includes('Projects'))!;
    projectsLink.focus();
    expect(document.activeElement).toBe(projectsLink);
    fireEvent.click(projectsLink);
    await screen.findByText('Cats and dogs');
    await waitFor(() => expect(document.activeElement?.id).toBe('react-admin-title'));
    expect(document.activeElement?.textContent).toMatch(/Projects/);
  });
});
