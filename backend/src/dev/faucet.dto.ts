import { ApiProperty } from '@nestjs/swagger';
import { IsEthereumAddress } from 'class-validator';

export class FaucetRequestDto {
  @ApiProperty({ example: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' })
  @IsEthereumAddress()
  address: string;
}

export class FaucetGrantDto {
  @ApiProperty() address: string;
  @ApiProperty({ description: 'Gas sent, ETH' }) gas: string;
  @ApiProperty({ description: 'Gas transfer, mined before the answer' }) gasTxHash: string;
  @ApiProperty({ description: 'Base tokens (OCEAN) sent' }) tokens: string;
  @ApiProperty() baseToken: string;
  @ApiProperty({ description: 'The base-token transfer, sent by the operator through the outbox' }) tokenTxPurpose: string;
  @ApiProperty({ description: 'When this address may ask again' }) nextGrantAt: string;
}
