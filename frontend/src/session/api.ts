import { getToken, expireSession } from './session';

/** The server's error body: `{statusCode, code, message, field?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, server down): safe to retry. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** One call to the Tessera API with the session's bearer token. A 401 ends the session. */
export async function api<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<ApiResponse<T>> {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let payload: BodyInit | undefined;
  if (body instanceof FormData || typeof body === 'string' || body instanceof Blob) {
    payload = body;
  } else if (body !== undefined) {
    headers.set('content-type', 'application/json');
    payload = JSON.stringify(body);
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, { ...init, method, headers, body: payload });
    // A connection that drops after the headers fails here: as temporary as one that never opened.
    text = await response.text();
  } catch (error) {
    throw new NetworkError(error);
  }
  const parsed: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const error = (parsed ?? {}) as { code?: string; message?: string; field?: string };
    if (response.status === 401 && token) expireSession();
    throw new ApiError(response.status, error.code ?? 'HTTP_' + response.status, error.message ?? response.statusText, error.field);
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
