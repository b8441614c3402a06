import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashing } from './hashing.js';

async function* chunks(parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield await Promise.resolve(new TextEncoder().encode(part));
}

describe('hashing', () => {
  it('passes the chunks through and gives the size and SHA-256 of all of them', async () => {
    const hashed = hashing(chunks(['hello ', 'world', '\n']));
    const seen: string[] = [];
    for await (const chunk of hashed.chunks) seen.push(new TextDecoder().decode(chunk));
    expect(seen).toEqual(['hello ', 'world', '\n']);
    expect(hashed.digest()).toEqual({ bytes: 12, sha256: createHash('sha256').update('hello world\n').digest('hex') });
  });

  it('refuses to give a digest before the stream is read to its end', async () => {
    const hashed = hashing(chunks(['a', 'b']));
    await hashed.chunks.next();
    expect(() => hashed.digest()).toThrow(/not been read/);
  });
});
