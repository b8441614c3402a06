import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the repository, by its path from the root (`migrations/1796306817556-LeaseTasksFromFile.sql`),
 * found by walking up from here: the same from the TypeScript sources (tsx, vitest) and from the compiled
 * `backend/dist/migrations`, which run beside the sources (the Docker image keeps the repository whole).
 *
 * A migration must do the same on every database it ever meets, so one that installs a file reads its
 * own copy beside it (`migrations/<timestamp>-<Name>.sql`), never the living file a repository uses, and
 * gives the digest of the text it was written for: a copy edited afterwards is refused, not installed.
 */
export function readRepositoryFile(fromRoot: string, digest: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, up = 0; up < 6; dir = path.dirname(dir), up++) {
    const file = path.join(dir, fromRoot);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (textDigest(text) !== digest) {
      throw new Error(`${fromRoot} is not the text its migration was written for (digest ${digest}): a migration's input never changes`);
    }
    return text;
  }
  throw new Error(`${fromRoot} is not in any folder above ${here}: migrations read it from the repository's sources`);
}

/** A text's digest as migrations record it, line endings aside (a Windows checkout agrees). */
export function textDigest(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}
