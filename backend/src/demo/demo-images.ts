import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed demo pictures, found by walking up from this file (run from source or compiled). */
export function readDemoImage(name: string): Buffer {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const file = path.join(dir, 'backend', 'src', 'demo', 'images', name);
    if (existsSync(file)) return readFileSync(file);
    dir = path.dirname(dir);
  }
  throw new Error(`demo image ${name} not found next to the backend's sources`);
}
