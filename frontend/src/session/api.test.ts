import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, NetworkError } from './api';

afterEach(() => vi.unstubAllGlobals());

describe('api', () => {
  it('calls a connection that drops after the headers a network error, as one that never opened', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"annotat'));
        controller.error(new TypeError('network error'));
      },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(body, { status: 201 }))),
    );
    await expect(api('POST', '/api/assignments/1/submit')).rejects.toBeInstanceOf(NetworkError);
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api('GET', '/api/auth/me')).rejects.toBeInstanceOf(NetworkError);
  });
});
