import { describe, expect, it } from 'vitest';
import { TASK_COMPILE } from 'hardhat/builtin-tasks/task-names.js';
import { readHardhatArtifacts, renderArtifactsModule } from '../scripts/artifacts-module.js';
import { payoutDistributorArtifact, rewardTokenArtifact } from '../src/index.js';
import { hardhat } from './support/hardhat.js';

describe('committed artifacts', () => {
  it('are what the Solidity sources compile to (else: npm run -w contracts compile)', async () => {
    const hre = hardhat();
    const started = performance.now();
    await hre.run(TASK_COMPILE, { quiet: true });
    console.log(
      `hardhat compile (solcjs ${hre.config.solidity.compilers[0]!.version}, cached when unchanged): ${Math.round(performance.now() - started)} ms`,
    );
    const compiled = readHardhatArtifacts(hre.config.paths.root);
    expect([rewardTokenArtifact, payoutDistributorArtifact]).toEqual(compiled);
    // The generated module is exactly what the generator writes.
    expect(renderArtifactsModule(compiled)).toContain(JSON.stringify(payoutDistributorArtifact.bytecode));
  });
});
