import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { UserDto } from '../users/user.dto.js';

export class NonceDto {
  @ApiProperty({ example: 'kT3nV0qL8aZ1xY2w' }) nonce: string;
  @ApiProperty() expiresAt: string;
}

export class VerifyDto {
  @ApiProperty({ description: 'The EIP-4361 message the wallet signed' })
  @IsString()
  @MaxLength(4096)
  message: string;

  @ApiProperty({ description: '0x-prefixed personal_sign signature' })
  @IsString()
  @Matches(/^0x[0-9a-fA-F]{130}$/, { message: 'signature must be a 65-byte 0x-prefixed hex string' })
  signature: string;
}

export class SessionDto {
  @ApiProperty() token: string;
  @ApiProperty({ description: 'When this token stops working: renew it before (POST /api/auth/renew)' }) expiresAt: string;
  @ApiProperty({ description: 'Renewals end here (SESSION_MAX_AGE_SECONDS after the wallet signed): then sign in again' })
  renewableUntil: string;
  @ApiProperty({ type: UserDto }) user: UserDto;
}
