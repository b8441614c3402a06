import type { Schemas } from '../api';
import { api } from '../session/api';
import type { LabelResult, Progress, Project, Assignment } from './types';

/** The API calls of the annotator app; server quirks (204, Date header, list params) stay here. */

const LIST_QUERY = `filter=${encodeURIComponent('{}')}&range=${encodeURIComponent('[0,99]')}&sort=${encodeURIComponent('["id","ASC"]')}`;

export async function listProjects(): Promise<Project[]> {
  const { body } = await api<Project[]>('GET', `/api/projects?${LIST_QUERY}`);
  return Array.isArray(body) ? body : [];
}

export async function getProject(id: number): Promise<Project> {
  return (await api<Project>('GET', `/api/projects/${id}`)).body;
}

export async function getProgress(id: number): Promise<Progress> {
  return (await api<Progress>('GET', `/api/projects/${id}/progress`)).body;
}

export interface NextAnswer {
  /** Undefined when nothing is left for this annotator (204). */
  assignment: Assignment | undefined;
  /** Server clock minus ours, from the Date header (0 when absent), so the lease countdown is right. */
  clockOffsetMs: number;
}

function clockOffsetOf(headers: Headers): number {
  const serverDate = Date.parse(headers.get('date') ?? '');
  return Number.isNaN(serverDate) ? 0 : serverDate - Date.now();
}

export async function nextAssignment(projectId: number): Promise<NextAnswer> {
  const { status, body, headers } = await api<Assignment | undefined>('GET', `/api/projects/${projectId}/next`);
  return { assignment: status === 204 || !body ? undefined : body, clockOffsetMs: clockOffsetOf(headers) };
}

export interface SubmitAnswer {
  annotationId: number;
  /**
   * With `withNext`, the next assignment the server leased in the same call (one round trip per label).
   * Absent when it had none to give: `nextAssignment` then tells why (nothing left, project paused…).
   */
  next?: NextAnswer;
}

export async function submitAssignment(
  assignmentId: number,
  result: LabelResult,
  leadTimeMs: number,
  withNext = false,
): Promise<SubmitAnswer> {
  const { body, headers } = await api<Schemas['SubmittedDto']>(
    'POST',
    `/api/assignments/${assignmentId}/submit${withNext ? '?next=true' : ''}`,
    { result, leadTimeMs },
  );
  if (!withNext || !body.next) return { annotationId: body.annotationId };
  return { annotationId: body.annotationId, next: { assignment: body.next, clockOffsetMs: clockOffsetOf(headers) } };
}

export async function skipAssignment(assignmentId: number): Promise<void> {
  await api<undefined>('POST', `/api/assignments/${assignmentId}/skip`);
}

/** Saves unfinished work; answers the lease's expiry. */
export async function saveDraft(assignmentId: number, result: unknown): Promise<string> {
  return (await api<Schemas['DraftSavedDto']>('PUT', `/api/assignments/${assignmentId}/draft`, { result })).body.expiresAt;
}

/**
 * Where the browser can load an item's image: http(s) as is, `ipfs://<cid>` through the signed file
 * URL the API gave with the assignment (`files`), which needs no session token.
 */
export function imageUrl(image: unknown, files: Readonly<Record<string, string>> | undefined): string | undefined {
  if (typeof image !== 'string') return undefined;
  const ipfs = /^ipfs:\/\/(?:ipfs\/)?([A-Za-z0-9]+)\/?$/.exec(image);
  if (ipfs) return files?.[ipfs[1]!];
  if (/^https?:\/\//i.test(image)) return image;
  return undefined;
}
