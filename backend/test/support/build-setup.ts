/**
 * Compiles the backend once per run for tests that start it as a separate process (to kill it):
 * the compiled code is what production runs, and only tsc emits the decorator metadata Nest needs.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default function setup(): void {
  execFileSync(process.execPath, [path.join(backendDir, '../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: backendDir,
    stdio: 'inherit',
  });
}
