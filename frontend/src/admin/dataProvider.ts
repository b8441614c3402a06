import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, HttpError, type DataProvider, type Identifier, type RaRecord } from 'react-admin';
import type { Schemas } from '../api';
import { getToken } from '../session/session';
import type {
  AnnotatorQuality,
  ChainInfo,
  DashboardStats,
  Epoch,
  ImportResult,
  ProjectQuality,
  ReviewDecision,
  ReviewOutcome,
} from './types';

/**
 * The console's data provider: ra-data-simple-rest on `/api` (the API speaks its dialect), plus the
 * server's quirks, all kept here:
 * - the bearer token from the wallet session on every request;
 * - `{code, message, field}` errors on 400/409 become react-admin form errors on that field;
 * - a 401 surfaces as HttpError 401, which authProvider.checkError turns into a logout;
 * - records carry read-only fields (id, stats, counts, dates) the API ignores on write, and empty
 *   optional inputs arrive as null: each resource sends only the fields it may change, with values
 *   (but an update sends null where null means "none", as for a project's reward budget);
 * - getMany asks for a range as long as the id list (the API's default page is 25 rows);
 * - custom methods: the dashboard stats, a project's label quality (read and recompute), an
 *   annotator's quality, the multipart item import with upload progress, a reviewer's decision
 *   on a review item and the chain's state (token, distributor, operator, budgets);
 * - an update of a review item (`{decision}`) is the reviewer's accept or reject, so that react-admin's
 *   undoable mutations (an Undo button for a few seconds before the request leaves) apply to decisions.
 */

export const API_URL = '/api';

export interface ImportOptions {
  /** Percentage (0-100) of the request body's bytes sent so far. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

export interface TesseraDataProvider extends DataProvider {
  getDashboardStats(): Promise<DashboardStats>;
  getProjectQuality(projectId: Identifier): Promise<ProjectQuality>;
  aggregateProjectQuality(projectId: Identifier): Promise<ProjectQuality>;
  /** `GET /api/annotators/:id/quality`, days and confusion matrices limited to `projectId` when given. */
  getAnnotatorQuality(annotatorId: Identifier, projectId?: Identifier | null): Promise<AnnotatorQuality>;
  importItems(projectId: Identifier, files: readonly File[], options?: ImportOptions): Promise<ImportResult>;
  /** `POST /api/review/:itemId`; `result` only with `fixed_and_accepted`. */
  decideReview(itemId: Identifier, outcome: ReviewOutcome, result?: unknown): Promise<ReviewDecision>;
  /** `GET /api/chain`: token supply, distributor balance, operator gas money, project budgets. */
  getChainInfo(): Promise<ChainInfo>;
  /** `POST /api/epochs/:id/sweep`: queues the return of an expired epoch's unclaimed tokens. */
  sweepEpoch(epochId: Identifier): Promise<Schemas['SweepQueuedDto']>;
  /** `POST /api/epochs/:id/void`: gives up an epoch that failed for good; its unpaid dues go to the next epoch. */
  voidEpoch(epochId: Identifier): Promise<Epoch>;
  /** `GET /api/datasets/:id/files/:name`, decrypted by the server; progress as bytes arrive. */
  downloadDatasetFile(datasetId: Identifier, name: string, options?: DownloadOptions): Promise<Blob>;
  /** The first `bytes` bytes of a dataset file (an HTTP Range request), as text: the preview reads rows from it. */
  readDatasetFileStart(datasetId: Identifier, name: string, bytes: number, signal?: AbortSignal): Promise<string>;
  /** `POST /api/datasets/:id/synthetic`: a synthetic version made from a ready curated one (answered 202, building). */
  createSyntheticDataset(datasetId: Identifier, body: { rows: number; seed?: number }): Promise<{ id: number; status: string }>;
  /** `POST /api/datasets/:id/publish`: mints the version's data NFT and datatoken, then sets its DDO (answered 202). */
  publishDataset(datasetId: Identifier, body: Schemas['PublishDatasetDto']): Promise<Schemas['PublishQueuedDto']>;
}

export interface DownloadOptions {
  /** Bytes received so far, and the total when the server said it. */
  onProgress?: (received: number, total: number | undefined) => void;
  signal?: AbortSignal;
}

interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  field?: string;
}

/** Field names of an API request body (generated from the OpenAPI document): a renamed field fails to compile. */
type BodyFields<Dto> = readonly (keyof Dto)[];

const PROJECT_FIELDS = [
  'name',
  'type',
  'labels',
  'overlap',
  'maxOverlap',
  'targetConfidence',
  'goldRate',
  'qualificationSize',
  'qualificationMinAccuracy',
  'leaseSeconds',
  'rewardPerLabel',
  'rewardBudget',
  'instructions',
  'status',
] as const satisfies BodyFields<Schemas['CreateProjectDto']>;

/** The fields each resource accepts on create and update; everything else in a record is read-only. */
const WRITABLE: Record<string, { create: readonly string[]; update: readonly string[] }> = {
  projects: { create: PROJECT_FIELDS, update: PROJECT_FIELDS satisfies BodyFields<Schemas['UpdateProjectDto']> },
  items: {
    create: ['projectId', 'externalId', 'data'] satisfies BodyFields<Schemas['CreateItemDto']>,
    update: ['data', 'overlap'] satisfies BodyFields<Schemas['UpdateItemDto']>,
  },
  annotations: {
    create: ['itemId', 'result'] satisfies BodyFields<Schemas['CreateAnnotationDto']>,
    update: ['result'] satisfies BodyFields<Schemas['UpdateAnnotationDto']>,
  },
  users: {
    create: ['address', 'roles'] satisfies BodyFields<Schemas['CreateUserDto']>,
    update: ['roles'] satisfies BodyFields<Schemas['UpdateUserDto']>,
  },
  suspensions: {
    create: ['annotatorId', 'note'] satisfies BodyFields<Schemas['CreateSuspensionDto']>,
    update: ['active'] satisfies BodyFields<Schemas['UpdateSuspensionDto']>,
  },
  epochs: { create: ['mode', 'expiresInDays'] satisfies BodyFields<Schemas['CloseEpochDto']>, update: [] },
  datasets: {
    create: ['projectId', 'name', 'description', 'license', 'intendedUse', 'filters', 'splits', 'seed'] satisfies BodyFields<
      Schemas['CreateDatasetDto']
    >,
    update: [],
  },
};

/** Optional string fields where an empty input means "not given" (the API would refuse ""). */
const BLANK_IS_ABSENT: readonly string[] = ['externalId', 'note'];

/** Fields where null means "none" (no budget): an update sends the null to remove the value. */
const NULL_CLEARS: readonly string[] = ['rewardBudget'];

/** API page size limit (MAX_PAGE_SIZE on the server). */
const MAX_PAGE = 1000;

export function writableData(resource: string, mode: 'create' | 'update', data: Record<string, unknown>): Record<string, unknown> {
  const fields = WRITABLE[resource]?.[mode];
  if (!fields) return data;
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = data[field];
    if (value === null && mode === 'update' && NULL_CLEARS.includes(field)) {
      body[field] = null;
      continue;
    }
    if (value === undefined || value === null) continue;
    if (BLANK_IS_ABSENT.includes(field) && typeof value === 'string' && value.trim() === '') continue;
    body[field] = value;
  }
  return body;
}

/** `labels[2]` or `data.text` -> the form input that holds it (`labels`, `data`). */
export function formFieldOf(field: string): string {
  return field.split(/[.[]/, 1)[0] ?? field;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * Our error body -> react-admin's HttpError. A refusal naming a field puts its message on that input
 * (`body.errors`) and in the form's notification (`root.serverError`).
 */
export function toHttpError(status: number, statusText: string, body: unknown): HttpError {
  const apiBody = isErrorBody(body) ? body : undefined;
  const message = apiBody?.message ?? (statusText || `HTTP ${status}`);
  if ((status === 400 || status === 409) && apiBody?.field) {
    return new HttpError(message, status, {
      ...apiBody,
      errors: { [formFieldOf(apiBody.field)]: message, root: { serverError: message } },
    });
  }
  return new HttpError(message, status, apiBody ?? body);
}

function authHeaders(headers?: HeadersInit): Headers {
  const result = new Headers(headers ?? { Accept: 'application/json' });
  const token = getToken();
  if (token) result.set('Authorization', `Bearer ${token}`);
  return result;
}

/** fetchUtils.fetchJson with the session's bearer token and our error mapping. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers: authHeaders(options.headers) });
  } catch (error) {
    if (error instanceof HttpError) throw toHttpError(error.status as number, error.message, error.body);
    throw error;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A multipart POST through XMLHttpRequest: fetch cannot report upload progress. */
function importItems(apiUrl: string, projectId: Identifier, files: readonly File[], options: ImportOptions = {}): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${apiUrl}/projects/${encodeURIComponent(String(projectId))}/items`);
    for (const [name, value] of authHeaders()) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportResult);
      else reject(toHttpError(xhr.status, xhr.statusText, body));
    };
    xhr.onerror = () => reject(new HttpError('tessera.admin.import.networkError', 0));
    xhr.onabort = () => reject(new DOMException('The import was cancelled', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('The import was cancelled', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

function datasetFileUrl(apiUrl: string, datasetId: Identifier, name: string): string {
  return `${apiUrl}/datasets/${encodeURIComponent(String(datasetId))}/files/${encodeURIComponent(name)}`;
}

/** A GET with the session's token whose body is read as it arrives (fetchJson would buffer it as text). */
async function fetchFile(url: string, headers: HeadersInit, signal?: AbortSignal): Promise<Response> {
  const response = await fetch(url, { headers: authHeaders(headers), signal });
  if (!response.ok) throw toHttpError(response.status, response.statusText, parseJson(await response.text()));
  return response;
}

async function downloadFile(url: string, options: DownloadOptions = {}): Promise<Blob> {
  const response = await fetchFile(url, { Accept: '*/*' }, options.signal);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!response.body) return new Blob([await response.arrayBuffer()], { type });
  const parts: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.byteLength;
    options.onProgress?.(received, total);
  }
  return new Blob(parts as BlobPart[], { type });
}

export function createDataProvider(apiUrl: string = API_URL): TesseraDataProvider {
  const base = simpleRestProvider(apiUrl, httpClient);

  async function decideReview(itemId: Identifier, outcome: ReviewOutcome, result?: unknown): Promise<ReviewDecision> {
    const body = outcome === 'fixed_and_accepted' ? { outcome, result } : { outcome };
    const response = await httpClient(`${apiUrl}/review/${encodeURIComponent(String(itemId))}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return response.json as ReviewDecision;
  }
  return {
    ...base,

    async getMany<RecordType extends RaRecord = RaRecord>(resource: string, params: Parameters<DataProvider['getMany']>[1]) {
      const data: RecordType[] = [];
      for (let start = 0; start < params.ids.length; start += MAX_PAGE) {
        const ids = params.ids.slice(start, start + MAX_PAGE);
        const page = await base.getList<RecordType>(resource, {
          filter: { id: ids },
          pagination: { page: 1, perPage: ids.length },
          sort: { field: 'id', order: 'ASC' },
          signal: params.signal,
        });
        data.push(...page.data);
      }
      return { data };
    },

    create: (resource, params) => base.create(resource, { ...params, data: writableData(resource, 'create', params.data) }),

    async update<RecordType extends RaRecord = RaRecord>(resource: string, params: Parameters<DataProvider['update']>[1]) {
      if (resource !== 'review')
        return base.update<RecordType>(resource, { ...params, data: writableData(resource, 'update', params.data) });
      const id: Identifier = params.id as Identifier;
      const { decision } = params.data as { decision: ReviewOutcome };
      await decideReview(id, decision);
      const previous: Record<string, unknown> = params.previousData as Record<string, unknown>;
      return { data: { ...previous, decision, id } as unknown as RecordType };
    },

    updateMany: (resource, params) => base.updateMany(resource, { ...params, data: writableData(resource, 'update', params.data) }),

    async getDashboardStats() {
      const response = await httpClient(`${apiUrl}/stats/dashboard`);
      return response.json as DashboardStats;
    },

    async getProjectQuality(projectId) {
      const response = await httpClient(`${apiUrl}/projects/${encodeURIComponent(String(projectId))}/quality`);
      return response.json as ProjectQuality;
    },

    async aggregateProjectQuality(projectId) {
      const response = await httpClient(`${apiUrl}/projects/${encodeURIComponent(String(projectId))}/quality/aggregate`, {
        method: 'POST',
      });
      return response.json as ProjectQuality;
    },

    async getAnnotatorQuality(annotatorId, projectId) {
      const search = projectId === undefined || projectId === null ? '' : `?${new URLSearchParams({ projectId: String(projectId) })}`;
      const response = await httpClient(`${apiUrl}/annotators/${encodeURIComponent(String(annotatorId))}/quality${search}`);
      return response.json as AnnotatorQuality;
    },

    importItems: (projectId, files, options) => importItems(apiUrl, projectId, files, options),

    decideReview,

    async getChainInfo() {
      const response = await httpClient(`${apiUrl}/chain`);
      return response.json as ChainInfo;
    },

    async sweepEpoch(epochId) {
      const response = await httpClient(`${apiUrl}/epochs/${encodeURIComponent(String(epochId))}/sweep`, { method: 'POST' });
      return response.json as Schemas['SweepQueuedDto'];
    },

    async voidEpoch(epochId) {
      const response = await httpClient(`${apiUrl}/epochs/${encodeURIComponent(String(epochId))}/void`, { method: 'POST' });
      return response.json as Epoch;
    },

    downloadDatasetFile: (datasetId, name, options) => downloadFile(datasetFileUrl(apiUrl, datasetId, name), options),

    async createSyntheticDataset(datasetId, body) {
      const response = await httpClient(`${apiUrl}/datasets/${encodeURIComponent(String(datasetId))}/synthetic`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return response.json as { id: number; status: string };
    },

    async publishDataset(datasetId, body) {
      const response = await httpClient(`${apiUrl}/datasets/${encodeURIComponent(String(datasetId))}/publish`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return response.json as Schemas['PublishQueuedDto'];
    },

    async readDatasetFileStart(datasetId, name, bytes, signal) {
      const response = await fetchFile(datasetFileUrl(apiUrl, datasetId, name), { Accept: '*/*', Range: `bytes=0-${bytes - 1}` }, signal);
      return response.text();
    },
  };
}

export const dataProvider = createDataProvider();
