import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEthereumAddress, IsIn, IsOptional } from 'class-validator';
import { getAddress } from 'ethers';
import { ROLES, type Role } from '../access/access.js';
import type { UserEntity } from './user.entity.js';

export class UserDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: '0x52908400098527886E0F7030069857D2E4169EE7' }) address: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastSignInAt: string | null;
}

export function mapUser(user: UserEntity): UserDto {
  return {
    id: user.id,
    address: getAddress(user.address),
    roles: user.roles as Role[],
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}

export class CreateUserDto {
  @ApiProperty() @IsEthereumAddress() address: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles?: Role[];
}

export class UpdateUserDto {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

/** What the users list (react-admin's getList) can be filtered and sorted by. */
export const USER_FILTERS = ['id', 'q', 'role'] as const;
export const USER_SORTS = ['id', 'address', 'createdAt', 'lastSignInAt'] as const;
