/**
 * A large file fetched with progress that survives a broken connection: the bytes received so far
 * are kept and the next attempt asks for the rest with an HTTP Range. Every attempt gets its own URL
 * (an Ocean download URL carries a one-time nonce and signature), made when it is needed.
 */
export interface DownloadProgress {
  received: number;
  /** Undefined until the server has said the size. */
  total: number | undefined;
  attempt: number;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string | undefined;
}

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** `attachment;filename=...` as Ocean's provider writes it (ocean.js reads it with the same pattern). */
export function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** Total size from `content-range: bytes a-b/total`, or from the length of a whole answer. */
function totalOf(response: Response, offset: number): number | undefined {
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  if (range) return Number(range[1]);
  const length = response.headers.get('content-length');
  return length === null ? undefined : offset + Number(length);
}

/**
 * Between attempts the download waits, longer each time (a dropped connection or a node restarting
 * needs a moment; five attempts in a row would be spent in milliseconds offline), and, when the
 * browser is offline, until it is back. A failure to make the URL that `isFinal` calls final (the
 * user declined to sign) ends the download at once.
 */
export async function downloadResumable(
  urlFor: (attempt: number) => Promise<string>,
  onProgress: (progress: DownloadProgress) => void = () => undefined,
  maxAttempts = 5,
  { backoffMs = 1000, isFinal = () => false }: { backoffMs?: number; isFinal?: (error: unknown) => boolean } = {},
): Promise<DownloadedFile> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  let total: number | undefined;
  let fileName: string | undefined;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await pause(backoffMs * 2 ** (attempt - 2));
    let url: string;
    try {
      url = await urlFor(attempt);
    } catch (error) {
      if (isFinal(error)) throw error;
      lastError = error;
      continue;
    }
    let response: Response;
    try {
      response = await fetch(url, { headers: received > 0 ? { range: `bytes=${received}-` } : {} });
    } catch (error) {
      lastError = error;
      continue;
    }
    if (response.status === 416 && total !== undefined && received === total) break;
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      // A refusal (no valid order, bad signature) will not change by asking again.
      throw new DownloadError(text || `download failed: HTTP ${response.status}`, response.status);
    }
    if (received > 0 && response.status !== 206) {
      // The server sent the whole file again: start over rather than append it twice.
      parts.length = 0;
      received = 0;
    }
    total = totalOf(response, received) ?? total;
    fileName ??= fileNameOf(response.headers.get('content-disposition'));
    onProgress({ received, total, attempt });
    try {
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        received += value.length;
        onProgress({ received, total, attempt });
      }
    } catch (error) {
      lastError = error;
      continue;
    }
    if (total === undefined || received >= total) return { blob: new Blob(parts), fileName };
    lastError = new Error(`connection closed after ${received} of ${total} bytes`);
  }
  if (total !== undefined && received === total) return { blob: new Blob(parts), fileName };
  throw new DownloadError(`download did not finish: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}

/** Waits `ms`, and then until the browser is online. */
async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    await new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
  }
}

/** Hands a downloaded file to the browser's save dialog. */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
