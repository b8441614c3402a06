import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the repository, by its path from the root (`backend/src/tasks/lease-tasks.sql`), found by
 * walking up from here: the same from the TypeScript sources (tsx, vitest) and from the compiled
 * `backend/dist/migrations`, which run beside the sources (the Docker image keeps the repository whole).
 */
export function readRepositoryFile(fromRoot: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, up = 0; up < 6; dir = path.dirname(dir), up++) {
    const file = path.join(dir, fromRoot);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`${fromRoot} is not in any folder above ${here}: migrations read it from the repository's sources`);
}

/** A text's digest as migrations record it, line endings aside (a Windows checkout agrees). */
export function textDigest(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}
