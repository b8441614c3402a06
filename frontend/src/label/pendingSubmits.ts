import { ApiError, NetworkError } from '../session/api';
import { submitAssignment, type NextAnswer } from './labelApi';
import type { LabelResult } from './types';

/**
 * Submits are written to localStorage before they leave, and only removed once the server has
 * answered for good: a lost connection or a reload never loses a label. Resending is safe because
 * the server answers a repeated submit of the same assignment with the same annotation.
 */
export interface PendingSubmit {
  assignmentId: number;
  projectId: number;
  userId: number;
  result: LabelResult;
  leadTimeMs: number;
  queuedAt: number;
}

export type SubmitOutcome =
  /** `next`: the following assignment, when it was asked for and the server had one. */
  | { kind: 'submitted'; annotationId: number; next?: NextAnswer }
  /** 400: the server refused the result; the work stays on screen to be fixed. */
  | { kind: 'invalid'; message: string; field?: string }
  /** 409 LEASE_EXPIRED: the item went back to the pool. */
  | { kind: 'expired' }
  /** Closed, not found or otherwise refused for good. */
  | { kind: 'rejected'; message: string }
  /** 401: kept for after the next sign-in. */
  | { kind: 'signedOut' };

const PREFIX = 'tessera.label.pendingSubmit.';
const MAX_DELAY_MS = 30_000;

export function pendingKey(assignmentId: number): string {
  return PREFIX + String(assignmentId);
}

export function storePending(entry: PendingSubmit): void {
  try {
    localStorage.setItem(pendingKey(entry.assignmentId), JSON.stringify(entry));
  } catch {
    // Storage full or disabled: the submit still goes out, it just would not survive a reload.
  }
}

export function removePending(assignmentId: number): void {
  localStorage.removeItem(pendingKey(assignmentId));
}

/** The user's submits that have not been confirmed yet, oldest first. */
export function listPending(userId: number): PendingSubmit[] {
  const entries: PendingSubmit[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const entry = JSON.parse(localStorage.getItem(key) ?? '') as PendingSubmit;
      if (entry.userId === userId) entries.push(entry);
    } catch {
      localStorage.removeItem(key);
    }
  }
  return entries.sort((a, b) => a.queuedAt - b.queuedAt);
}

// Whether a submit is waiting for the connection to come back; the workspace shows the notice.
let offline = false;
const offlineListeners = new Set<() => void>();

function setOffline(value: boolean): void {
  if (offline === value) return;
  offline = value;
  for (const listener of offlineListeners) listener();
}

export function isOffline(): boolean {
  return offline;
}

export function onOfflineChange(listener: () => void): () => void {
  offlineListeners.add(listener);
  return () => {
    offlineListeners.delete(listener);
  };
}

/** 1 s, 2 s, 4 s … capped at 30 s, with a little jitter so many clients do not retry in step. */
export function retryDelay(attempt: number): number {
  const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(attempt, 15));
  return Math.round(base * (1 + Math.random() * 0.2));
}

/** Waits for the delay, or less when the browser says the connection is back. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

function isTransient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && (error.status >= 500 || error.status === 429));
}

async function sendUntilAnswered(entry: PendingSubmit, withNext: boolean): Promise<SubmitOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { annotationId, next } = await submitAssignment(entry.assignmentId, entry.result, entry.leadTimeMs, withNext);
      removePending(entry.assignmentId);
      return next ? { kind: 'submitted', annotationId, next } : { kind: 'submitted', annotationId };
    } catch (error) {
      if (isTransient(error)) {
        setOffline(true);
        await pause(retryDelay(attempt));
        continue;
      }
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401) return { kind: 'signedOut' };
      removePending(entry.assignmentId);
      if (error.status === 400) return { kind: 'invalid', message: error.message, ...(error.field ? { field: error.field } : {}) };
      if (error.code === 'LEASE_EXPIRED') return { kind: 'expired' };
      return { kind: 'rejected', message: error.message };
    }
  }
}

const inFlight = new Map<number, Promise<SubmitOutcome>>();

/**
 * Stores the submit, then sends it until the server gives a final answer. A second call for the same
 * assignment while the first is running joins it instead of sending twice. With `withNext` the server
 * also leases the project's next assignment in the same call (the workspace's submits; not the leftovers of
 * an earlier visit, which may belong to other projects).
 */
export function submitDurably(entry: PendingSubmit, options: { withNext?: boolean } = {}): Promise<SubmitOutcome> {
  const running = inFlight.get(entry.assignmentId);
  if (running) return running;
  storePending(entry);
  const sending = sendUntilAnswered(entry, options.withNext ?? false).finally(() => {
    inFlight.delete(entry.assignmentId);
    if (inFlight.size === 0) setOffline(false);
  });
  inFlight.set(entry.assignmentId, sending);
  return sending;
}

/** Sends what an earlier visit left behind, before asking for new work. */
export async function flushPending(userId: number): Promise<Map<number, SubmitOutcome>> {
  const outcomes = new Map<number, SubmitOutcome>();
  for (const entry of listPending(userId)) outcomes.set(entry.assignmentId, await submitDurably(entry));
  return outcomes;
}
