export { payoutDistributorArtifact, rewardTokenArtifact } from './generated/artifacts.js';
export { deployAll, DISTRIBUTOR_SEED, type DeployOptions, type Deployment } from './deploy.js';
export { DEFAULT_ADMIN_ROLE, MINTER_ROLE, OPERATOR_ROLE } from './roles.js';
export { startDevChain, type DevChain } from './dev-chain/start.js';
export { HARDHAT_MNEMONIC, type DevChainAccounts, type DevChainOptions } from './dev-chain/options.js';
