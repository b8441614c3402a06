import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `[METHOD, path]` of each service, as Ocean Node lists them. */
export type ServiceEndpoints = Record<'nonce' | 'encrypt' | 'fileInfo' | 'initialize' | 'download', [string, string]>;

export class NodeRootDto {
  @ApiProperty({ description: "The node's id (Tessera: its provider address, lower case)" }) nodeId: string;
  @ApiProperty({ type: [Number] }) chainIds: number[];
  @ApiProperty({ description: 'Signs provider fees; files are encrypted for its key' }) providerAddress: string;
  @ApiProperty({ description: "Compressed secp256k1 public key of the provider's key" }) nodePublicKey: string;
  @ApiProperty({
    description: 'Each service as [method, path]: what ocean.js reads to call the provider',
    example: { nonce: ['GET', '/api/services/nonce'] },
  })
  serviceEndpoints: ServiceEndpoints;
  @ApiProperty({ example: 'Tessera' }) software: string;
  @ApiProperty() version: string;
}

export class ProviderNonceQueryDto {
  @ApiProperty({ example: '0x0000000000000000000000000000000000000000' })
  @IsString()
  @MaxLength(42)
  userAddress: string;
}

export class ProviderNonceDto {
  @ApiProperty({ description: 'The last nonce the address used (decimal), "0" when none' }) nonce: string;
}

export class InitializeQueryDto {
  @ApiProperty({ description: 'The asset DID' }) @IsString() @MaxLength(80) documentId: string;
  @ApiProperty() @IsString() @MaxLength(100) serviceId: string;
  @ApiProperty() @IsString() @MaxLength(42) consumerAddress: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) fileIndex?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) userdata?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) environment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) validUntil?: string;
}

export class ProviderFeeDto {
  @ApiProperty() providerFeeAddress: string;
  @ApiProperty({ description: 'The zero address: Tessera charges no provider fee' }) providerFeeToken: string;
  @ApiProperty({ example: '0' }) providerFeeAmount: string;
  @ApiProperty({ description: '0x + hex of the UTF-8 JSON {dt, id}' }) providerData: string;
  @ApiProperty() v: number;
  @ApiProperty() r: string;
  @ApiProperty() s: string;
  @ApiProperty({ description: 'Seconds since the epoch ("0": no limit)' }) validUntil: string;
}

export class InitializeResultDto {
  @ApiProperty() datatoken: string;
  @ApiProperty() nonce: string;
  @ApiProperty() computeAddress: string;
  @ApiProperty({ type: ProviderFeeDto }) providerFee: ProviderFeeDto;
}

export class DownloadQueryDto {
  @ApiProperty() @IsString() @MaxLength(80) documentId: string;
  @ApiProperty() @IsString() @MaxLength(100) serviceId: string;
  @ApiProperty() @IsString() @MaxLength(10) fileIndex: string;
  @ApiProperty({ description: 'The order transaction' }) @IsString() @MaxLength(66) transferTxId: string;
  @ApiProperty() @IsString() @MaxLength(42) consumerAddress: string;
  @ApiProperty({ description: 'Larger than the last nonce the consumer used' }) @IsString() @MaxLength(70) nonce: string;
  @ApiProperty({ description: 'EIP-191 signature of keccak256(consumerAddress + nonce + "download")' })
  @IsString()
  @MaxLength(200)
  signature: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) userdata?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) policyServer?: string;
}

export class EncryptQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) chainId?: string;
  @ApiProperty() @IsString() @MaxLength(70) nonce: string;
  @ApiProperty() @IsString() @MaxLength(42) consumerAddress: string;
  @ApiProperty({ description: 'EIP-191 signature of keccak256(consumerAddress + nonce + "encrypt")' })
  @IsString()
  @MaxLength(200)
  signature: string;
}

export class FileInfoRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) did?: string;
  @ApiPropertyOptional({
    description: "A storage object's type (url, ipfs, arweave, ...): answered as a file this provider does not reach",
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) serviceId?: string;
  @ApiPropertyOptional() @IsOptional() checksum?: boolean;
}

export class FileInfoDto {
  @ApiProperty({ example: 'ipfs' }) type: string;
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Bytes, decimal' }) contentLength: string;
  @ApiProperty() contentType: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ description: 'sha256 of the plaintext' }) checksum?: string;
}
