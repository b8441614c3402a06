/**
 * Files' pages in the page cache (Linux), for benches that read "from disk": dropped per file with
 * GNU dd's `iflag=nocache count=0`, which calls posix_fadvise(POSIX_FADV_DONTNEED) on the whole file
 * (no root needed, nothing else on the machine touched, unlike writing to /proc/sys/vm/drop_caches),
 * and counted with util-linux's fincore. DONTNEED leaves dirty pages alone, so files written in the
 * run are flushed first (`flushFilesystemOf`).
 */
import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Writes back the dirty pages of the filesystem holding `file` (coreutils `sync -f`: syncfs(2)), so they can be dropped. */
export async function flushFilesystemOf(file: string): Promise<void> {
  await run('sync', ['-f', file]);
}

/** Drops the cached pages of each file (two dd processes at a time); rejects naming the first failure. */
export function dropPages(files: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // xargs runs `dd if=<file> iflag=nocache count=0` per NUL-separated name read from stdin.
    const child = spawn('xargs', ['-0', '-P', '2', '-I', '{}', 'dd', 'if={}', 'iflag=nocache', 'count=0', 'status=none'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`dd iflag=nocache failed (xargs exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`)),
    );
    child.stdin.end(files.map((file) => `${file}\0`).join(''));
  });
}

/** The share (0..1) of the files' bytes in the page cache, from fincore; undefined when fincore is missing or fails. */
export async function residentShare(files: readonly string[]): Promise<number | undefined> {
  let resident = 0;
  let size = 0;
  try {
    // A thousand names per call keeps the argument list far below the kernel's limit.
    for (let at = 0; at < files.length; at += 1000) {
      const { stdout } = await run('fincore', ['--bytes', '--noheadings', '--raw', '--output', 'RES,SIZE', ...files.slice(at, at + 1000)]);
      for (const line of stdout.trim().split('\n')) {
        const [res = 0, bytes = 0] = line.split(' ').map(Number);
        // A file's last page counts whole: a block file of 262,158 bytes has 266,240 resident.
        resident += Math.min(res, bytes);
        size += bytes;
      }
    }
  } catch {
    return undefined;
  }
  return size === 0 ? 1 : resident / size;
}

/** Every regular file under `directory`. */
export function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
