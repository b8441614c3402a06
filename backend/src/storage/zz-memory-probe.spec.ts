import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it, expect } from 'vitest';
import { EmbeddedBlockstoreStorage } from './embedded-blockstore.storage.js';

it('probe', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'probe-'));
  const s = new EmbeddedBlockstoreStorage(dir);
  const total = 400 * 1024 * 1024;
  let peak = 0;
  const base = process.memoryUsage().rss;
  async function* gen() {
    const buf = Buffer.alloc(64 * 1024, 7);
    for (let i = 0; i < total / buf.length; i++) { const b = Buffer.from(buf); b.writeUInt32LE(i, 0); if (i % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss); yield b; }
  }
  const t = Date.now();
  const r = await s.add(gen());
  const addMs = Date.now() - t;
  let n = 0; for await (const c of s.cat(r.cid)) { n += c.length; if (n % (64 << 20) < c.length) peak = Math.max(peak, process.memoryUsage().rss); }
  console.log({ cid: r.cid, size: r.size, n, addMs, totalMs: Date.now() - t, baseMB: base >> 20, peakMB: peak >> 20 });
  expect(n).toBe(total);
  await rm(dir, { recursive: true, force: true });
});
