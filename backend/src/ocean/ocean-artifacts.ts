import { createRequire } from 'node:module';
import type { InterfaceAbi } from 'ethers';

/** A compiled contract of @oceanprotocol/contracts (Hardhat artifact). */
export interface OceanArtifact {
  readonly contractName: string;
  readonly abi: InterfaceAbi;
  readonly bytecode: string;
}

const require = createRequire(import.meta.url);

/** The artifacts shipped by @oceanprotocol/contracts 2.6.0 (pinned exactly), by their path under `artifacts/contracts`. */
const PATHS = {
  OceanToken: 'utils/OceanToken.sol/OceanToken',
  OPFCommunityFeeCollector: 'communityFee/OPFCommunityFeeCollector.sol/OPFCommunityFeeCollector',
  FactoryRouter: 'pools/FactoryRouter.sol/FactoryRouter',
  FixedRateExchange: 'pools/fixedRate/FixedRateExchange.sol/FixedRateExchange',
  ERC20Template: 'templates/ERC20Template.sol/ERC20Template',
  ERC20TemplateEnterprise: 'templates/ERC20TemplateEnterprise.sol/ERC20TemplateEnterprise',
  ERC721Template: 'templates/ERC721Template.sol/ERC721Template',
  Dispenser: 'pools/dispenser/Dispenser.sol/Dispenser',
  ERC721Factory: 'ERC721Factory.sol/ERC721Factory',
} as const;

export type OceanContractName = keyof typeof PATHS;

const loaded = new Map<OceanContractName, OceanArtifact>();

/** Loads an artifact on first use (the bytecodes are large and only the deployment needs them). */
export function oceanArtifact(name: OceanContractName): OceanArtifact {
  let artifact = loaded.get(name);
  if (!artifact) {
    artifact = require(`@oceanprotocol/contracts/artifacts/contracts/${PATHS[name]}.json`) as OceanArtifact;
    loaded.set(name, artifact);
  }
  return artifact;
}
