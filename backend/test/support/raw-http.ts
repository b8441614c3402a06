/**
 * HTTP/1.1 on a bare socket, for what fetch hides: when the answer came relative to the body
 * being sent, and whether the server closed the connection instead of reading on.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Body bytes the client had written when the whole answer had arrived. */
  sentBeforeAnswer: number;
}

export interface RawExchange {
  /** Resolves with the answer as soon as it is complete (before the body is sent, if so). */
  response: Promise<RawResponse>;
  /** Resolves once the server has closed the connection. */
  closed: Promise<void>;
  /** Writes body bytes; resolves false once the socket refuses them (closed by the server). */
  write(bytes: Uint8Array): Promise<boolean>;
  sent(): number;
  destroy(): void;
}

/** The first complete HTTP/1.1 answer in `buffer`, if it holds one (bodies by Content-Length only). */
export function parseResponse(buffer: Buffer): Omit<RawResponse, 'sentBeforeAnswer'> | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = buffer.subarray(end + 4);
  if (body.length < length) return undefined;
  return { status: Number(statusLine!.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8') };
}

/** Opens a connection and sends the request line and headers; the body is the caller's to write. */
export function openRequest(baseUrl: string, method: string, path: string, headers: Record<string, string>): RawExchange {
  const url = new URL(baseUrl);
  const socket = net.connect({ host: '127.0.0.1', port: Number(url.port) });
  let sent = 0;
  let received = Buffer.alloc(0);
  let answered: RawResponse | undefined;
  const response = new Promise<RawResponse>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = answered ? undefined : parseResponse(received);
      if (parsed) {
        answered = { ...parsed, sentBeforeAnswer: sent };
        resolve(answered);
      }
    });
    socket.on('close', () => {
      if (!answered) reject(new Error(`connection closed without an answer after ${sent} body bytes`));
    });
    socket.on('error', () => undefined);
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const head = [`${method} ${path} HTTP/1.1`, `Host: ${url.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''];
  socket.write(head.join('\r\n'));
  return {
    response,
    closed,
    write(bytes) {
      if (socket.destroyed) return Promise.resolve(false);
      // The callback runs once the bytes are handed to the kernel (or the socket failed).
      return new Promise((resolve) =>
        socket.write(bytes, (error) => {
          if (!error) sent += bytes.length;
          resolve(!error && !socket.destroyed);
        }),
      );
    },
    sent: () => sent,
    destroy: () => socket.destroy(),
  };
}
