// Hardhat 2 configuration (CommonJS: the package itself is an ES module).
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- Hardhat 2 loads its configuration with require() */
const { subtask } = require('hardhat/config');
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require('hardhat/builtin-tasks/task-names');

const SOLC_VERSION = '0.8.28';

// No compiler download works on our machines: compile with the exact `solc` npm package (solcjs).
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  const solcPackage = require('solc/package.json');
  if (solcPackage.version !== SOLC_VERSION) {
    throw new Error(`solc ${SOLC_VERSION} expected, the installed solc package is ${solcPackage.version}`);
  }
  return {
    compilerPath: require.resolve('solc/soljson.js'),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion: require('solc').version(),
  };
});

/** @type {import('hardhat/config').HardhatUserConfig} */
module.exports = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 10_000 },
    },
  },
  networks: {
    hardhat: { chainId: 8996 },
  },
};
