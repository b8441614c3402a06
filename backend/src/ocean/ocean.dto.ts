import { ApiProperty } from '@nestjs/swagger';

/**
 * What ocean.js 8.6.2 needs in its `Config` (config/Config.ts) to work with this deployment, under the
 * same names, so that `new ConfigHelper().getConfig(chainId)` can be replaced by (or merged with) one
 * request. `providerUri` and `metadataCacheUri` are the names older ocean.js versions use for what
 * 8.x calls `oceanNodeUri`: all three are Tessera's public URL (its provider and metadata cache).
 */
export class OceanConfigDto {
  @ApiProperty() chainId: number;
  @ApiProperty({ description: 'ocean.js network name (address-file key): `development` on the embedded chain' }) network: string;
  @ApiProperty({ description: 'The chain JSON-RPC URL wallets and scripts use' }) nodeUri: string;
  @ApiProperty({ description: "Tessera's public URL: provider and metadata cache (ocean.js 8.x)" }) oceanNodeUri: string;
  @ApiProperty({ description: 'Same as oceanNodeUri (older ocean.js name)' }) providerUri: string;
  @ApiProperty({ description: 'Same as oceanNodeUri (older ocean.js name)' }) metadataCacheUri: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The provider key's address (signs provider fees); null: PROVIDER_PRIVATE_KEY unset",
  })
  providerAddress: string | null;
  @ApiProperty() nftFactoryAddress: string;
  @ApiProperty() fixedRateExchangeAddress: string;
  @ApiProperty() dispenserAddress: string;
  @ApiProperty({ description: 'The base token prices are in' }) oceanTokenAddress: string;
  @ApiProperty() oceanTokenSymbol: string;
  @ApiProperty() routerFactoryAddress: string;
  @ApiProperty() opfCommunityFeeCollector: string;
  @ApiProperty({ description: 'Block of the contracts deployment (0: unknown)' }) startBlock: number;
  @ApiProperty({ type: String, nullable: true, description: 'Block explorer, when one is configured (EXPLORER_TX_URL)' })
  explorerUri: string | null;
  @ApiProperty({ enum: ['evm'] }) sdk: 'evm';
  @ApiProperty() transactionBlockTimeout: number;
  @ApiProperty() transactionConfirmationBlocks: number;
  @ApiProperty() transactionPollingTimeout: number;
  @ApiProperty() gasFeeMultiplier: number;
}
