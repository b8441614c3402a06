import { choicesOf } from '../ChoiceChip';
import { ROLES } from '../types';

export const ROLE_PREFIX = 'tessera.admin.choices.role';
export const roleChoices = choicesOf(ROLES, ROLE_PREFIX);

export const ETHEREUM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** react-admin validator for a wallet address (the API checks the checksum too). */
export function ethereumAddress(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return 'ra.validation.required';
  return typeof value === 'string' && ETHEREUM_ADDRESS.test(value.trim()) ? undefined : 'tessera.admin.users.addressInvalid';
}
