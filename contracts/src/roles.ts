import { id, ZeroHash } from 'ethers';

/** `RewardToken.MINTER_ROLE`: may mint. */
export const MINTER_ROLE = id('MINTER_ROLE');

/** `PayoutDistributor.OPERATOR_ROLE`: may post and sweep epochs and pay batches. */
export const OPERATOR_ROLE = id('OPERATOR_ROLE');

/** OpenZeppelin AccessControl's admin role: grants and revokes the others. */
export const DEFAULT_ADMIN_ROLE = ZeroHash;
