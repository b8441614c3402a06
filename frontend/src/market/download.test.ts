import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadResumable, fileNameOf } from './download';

const BYTES = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 251);

/** A server for BYTES honouring Range; `cutAfter` bytes into the first answer the connection breaks. */
function server(cutAfter: number) {
  const requests: Array<{ url: string; range: string | null }> = [];
  const fetchMock = vi.fn((url: string, init?: RequestInit) => {
    const range = new Headers(init?.headers).get('range');
    requests.push({ url, range });
    const start = range ? Number(/bytes=(\d+)-/.exec(range)![1]) : 0;
    const body = BYTES.subarray(start);
    const cut = requests.length === 1 ? cutAfter : Infinity;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= body.length) return controller.close();
        if (at >= cut) return controller.error(new TypeError('network error'));
        controller.enqueue(body.slice(at, Math.min(body.length, at + 8192)));
        at += 8192;
      },
    });
    const headers = new Headers({ 'content-disposition': 'attachment;filename=data.jsonl', 'content-length': String(body.length) });
    if (range) headers.set('content-range', `bytes ${start}-${BYTES.length - 1}/${BYTES.length}`);
    return Promise.resolve(new Response(stream, { status: range ? 206 : 200, headers }));
  });
  return { fetchMock, requests };
}

afterEach(() => vi.unstubAllGlobals());

describe('downloadResumable', () => {
  it('resumes a cut download with a Range request and a fresh URL, ending with the exact bytes', async () => {
    const { fetchMock, requests } = server(40_000);
    vi.stubGlobal('fetch', fetchMock);
    const seen: number[] = [];
    const file = await downloadResumable(
      (attempt) => Promise.resolve(`/download?nonce=${attempt}`),
      (p) => seen.push(p.received),
      5,
      { backoffMs: 1 },
    );
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(BYTES);
    expect(file.fileName).toBe('data.jsonl');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toEqual({ url: '/download?nonce=1', range: null });
    expect(requests[1]!.url).toBe('/download?nonce=2');
    expect(requests[1]!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(seen.at(-1)).toBe(BYTES.length);
  });

  it('gives up on a refusal at once, with the provider’s message', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(new Response('The order has expired.', { status: 400 })));
    vi.stubGlobal('fetch', fetchMock);
    await expect(downloadResumable(() => Promise.resolve('/download'))).rejects.toMatchObject({
      message: 'The order has expired.',
      status: 400,
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('keeps trying while the URL cannot be made (offline), and stops at once when the user declines to sign', async () => {
    const { fetchMock, requests } = server(Infinity);
    vi.stubGlobal('fetch', fetchMock);
    let asked = 0;
    const flaky = (attempt: number) => {
      asked++;
      return attempt < 3 ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve('/download');
    };
    const file = await downloadResumable(flaky, undefined, 5, { backoffMs: 1 });
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(BYTES);
    expect([asked, requests.length]).toEqual([3, 1]);

    const declined = Object.assign(new Error('User rejected the request.'), { code: 4001 });
    let signs = 0;
    const refusing = () => {
      signs++;
      return Promise.reject(declined);
    };
    await expect(downloadResumable(refusing, undefined, 5, { backoffMs: 1, isFinal: (e) => e === declined })).rejects.toBe(declined);
    expect(signs).toBe(1);
  });

  it('reads the file name the way ocean.js does', () => {
    expect(fileNameOf('attachment;filename=data.parquet')).toBe('data.parquet');
    expect(fileNameOf('attachment; filename="a b.csv"')).toBe('a b.csv');
    expect(fileNameOf(null)).toBeUndefined();
  });
});
