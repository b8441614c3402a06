import { createHash } from 'node:crypto';

/** What a stream of bytes came to once it has been read: its size and SHA-256 (hex), as a version's `files` list them. */
export interface StreamDigest {
  bytes: number;
  sha256: string;
}

/**
 * Passes the chunks through unchanged while hashing them, so a file is hashed in the same pass that
 * stores it. `digest()` answers once the stream has been read to its end.
 */
export function hashing(chunks: AsyncIterable<Uint8Array>): { chunks: AsyncGenerator<Uint8Array>; digest(): StreamDigest } {
  const hash = createHash('sha256');
  let bytes = 0;
  let result: StreamDigest | undefined;
  async function* pass(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      hash.update(chunk);
      bytes += chunk.byteLength;
      yield chunk;
    }
    result = { bytes, sha256: hash.digest('hex') };
  }
  return {
    chunks: pass(),
    digest() {
      if (!result) throw new Error('hashing: the stream has not been read to its end');
      return result;
    },
  };
}
