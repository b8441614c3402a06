import { api } from '../session/api';
import type { LabelResult, Progress, Project, Task } from './types';

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
  task: Task | undefined;
  /** Server clock minus ours, from the Date header (0 when absent), so the lease countdown is right. */
  clockOffsetMs: number;
}

export async function nextTask(projectId: number): Promise<NextAnswer> {
  const { status, body, headers } = await api<Task | undefined>('GET', `/api/projects/${projectId}/next`);
  const serverDate = Date.parse(headers.get('date') ?? '');
  const clockOffsetMs = Number.isNaN(serverDate) ? 0 : serverDate - Date.now();
  return { task: status === 204 || !body ? undefined : body, clockOffsetMs };
}

export async function submitAssignment(assignmentId: number, result: LabelResult, leadTimeMs: number): Promise<number> {
  const { body } = await api<{ annotationId: number }>('POST', `/api/assignments/${assignmentId}/submit`, { result, leadTimeMs });
  return body.annotationId;
}

export async function skipAssignment(assignmentId: number): Promise<void> {
  await api<undefined>('POST', `/api/assignments/${assignmentId}/skip`);
}

/** Saves unfinished work; answers the lease's expiry. */
export async function saveDraft(assignmentId: number, result: unknown): Promise<string> {
  return (await api<{ expiresAt: string }>('PUT', `/api/assignments/${assignmentId}/draft`, { result })).body.expiresAt;
}

/** Where the browser can load an item's image: http(s) as is, `ipfs://<cid>` through our file endpoint. */
export function imageUrl(image: unknown, token: string | undefined): string | undefined {
  if (typeof image !== 'string') return undefined;
  const ipfs = /^ipfs:\/\/([A-Za-z0-9]+)\/?$/.exec(image);
  if (ipfs) return `/api/files/${ipfs[1]}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  if (/^https?:\/\//i.test(image)) return image;
  return undefined;
}
