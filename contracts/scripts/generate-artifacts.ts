/**
 * Writes src/generated/artifacts.ts from Hardhat's compiler output (run through `npm run compile`). The
 * artifacts are committed, like migrations: consumers of the package need no compiler, ABI changes show in
 * review, and test/artifacts.test.ts fails when they drift from the Solidity sources.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderArtifactsModule, readHardhatArtifacts } from './artifacts-module.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src/generated/artifacts.ts');
writeFileSync(target, renderArtifactsModule(readHardhatArtifacts(root)));
console.log(`wrote ${target}`);
